import type { TOperationParameter } from "@/lib/apis/openapi/operations";

/** The raw value of one parameter, shaped for its schema: Ajv (coerceTypes: "array") turns strings into numbers and booleans. */
export type TRawParam = string | string[] | Record<string, string> | undefined;

type TShape = "array" | "object" | "primitive";

/** The shape a parameter's schema asks for (after $ref resolution), which decides how its text is split. */
export function shapeOf(schema: unknown): TShape {
  if (!schema || typeof schema !== "object") return "primitive";
  const s = schema as Record<string, unknown>;
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes("array") || (s.type === undefined && s.items !== undefined)) return "array";
  if (types.includes("object") || (s.type === undefined && s.properties !== undefined)) return "object";
  return "primitive";
}

/** "a,1,b,2" → {a: "1", b: "2"} (style simple/form without explode). */
function pairs(parts: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < parts.length; i += 2) out[parts[i]] = parts[i + 1];
  return out;
}

/** "a=1,b=2" → {a: "1", b: "2"} (style simple with explode). */
function assignments(parts: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of parts) {
    const eq = part.indexOf("=");
    if (eq > 0) out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/** Style "simple" (path and header defaults): comma-separated values, objects as pairs or assignments. */
function simple(text: string, shape: TShape, explode: boolean): TRawParam {
  if (shape === "primitive") return text;
  const parts = text === "" ? [] : text.split(",");
  if (shape === "array") return parts;
  return explode ? assignments(parts) : pairs(parts);
}

/** A path parameter's text (already percent-decoded by the matcher), by style simple, label or matrix. */
export function pathValue(p: TOperationParameter, text: string): TRawParam {
  const shape = shapeOf(p.schema);
  const explode = p.explode ?? false;
  if (p.style === "label" && text.startsWith(".")) {
    const body = text.slice(1);
    return shape === "primitive" ? body : simple(body.replaceAll(".", ","), shape, explode);
  }
  if (p.style === "matrix" && text.startsWith(";")) {
    const items = text.slice(1).split(";");
    if (shape === "primitive") return items[0]?.slice(p.name.length + 1) ?? "";
    if (shape === "array")
      return explode
        ? items.map((i) => i.slice(p.name.length + 1))
        : (items[0]?.slice(p.name.length + 1).split(",") ?? []);
    return explode ? assignments(items) : pairs(items[0]?.slice(p.name.length + 1).split(",") ?? []);
  }
  return simple(text, shape, explode);
}

export function headerValue(p: TOperationParameter, text: string | string[] | undefined): TRawParam {
  if (text === undefined) return undefined;
  return simple(Array.isArray(text) ? text.join(",") : text, shapeOf(p.schema), p.explode ?? false);
}

/**
 * A query parameter by its style: form (default; exploded arrays repeat the name, an exploded object's
 * properties are parameters of their own), spaceDelimited, pipeDelimited and deepObject (`name[prop]=v`).
 * Undefined when absent.
 */
export function queryValue(p: TOperationParameter, query: URLSearchParams): TRawParam {
  const shape = shapeOf(p.schema);
  const style = p.style ?? "form";
  const explode = p.explode ?? style === "form";
  if (style === "deepObject") {
    const out: Record<string, string> = {};
    const prefix = `${p.name}[`;
    for (const [k, v] of query) if (k.startsWith(prefix) && k.endsWith("]")) out[k.slice(prefix.length, -1)] = v;
    return Object.keys(out).length ? out : undefined;
  }
  if (shape === "object" && explode) {
    const props = (p.schema as { properties?: Record<string, unknown> }).properties ?? {};
    const out: Record<string, string> = {};
    for (const name of Object.keys(props)) {
      const v = query.get(name);
      if (v !== null) out[name] = v;
    }
    return Object.keys(out).length ? out : undefined;
  }
  const all = query.getAll(p.name);
  if (!all.length) return undefined;
  if (shape === "primitive") return all[0];
  const separator = style === "spaceDelimited" ? " " : style === "pipeDelimited" ? "|" : ",";
  if (shape === "array") return explode ? all : all[0] === "" ? [] : all[0].split(separator);
  return pairs(all[0].split(separator));
}

/** Cookie parameters (style form): the Cookie header's name=value pairs. */
export function cookieValue(p: TOperationParameter, header: string | undefined): TRawParam {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === p.name) {
      const value = part.slice(eq + 1).trim();
      return simple(value, shapeOf(p.schema), false);
    }
  }
  return undefined;
}
