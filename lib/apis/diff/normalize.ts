import { isCycleRef, sourcePointer } from "@/lib/apis/openapi/deref";
import type { TOpenApiVersion } from "@/lib/apis/openapi/parse";
import { refToPointer } from "@/lib/apis/openapi/pointer";

/** Numeric and string constraints compared by how much they accept. */
export const CONSTRAINTS = [
  "maxLength",
  "minLength",
  "maximum",
  "minimum",
  "exclusiveMaximum",
  "exclusiveMinimum",
  "maxItems",
  "minItems",
  "maxProperties",
  "minProperties",
  "multipleOf",
  "uniqueItems",
  "pattern",
  "format",
] as const;
export type TConstraint = (typeof CONSTRAINTS)[number];

/**
 * A schema reduced to what it accepts: types as a set (with "null" for nullable, 3.0 or 3.1 style),
 * allOf merged into one object, `{oneOf: [X, {type: null}]}` as a nullable X, enum/const as a value
 * list, annotations dropped. Two schemas that accept the same values normalize to the same key.
 */
export type TNorm = {
  /** Where the schema is defined in its document (the $ref target when it came through one). */
  pointer: string | null;
  /** A recursive reference left by dereference: compared by its target. */
  ref?: string;
  /** null: any type. */
  types: Set<string> | null;
  enum?: unknown[];
  properties: Map<string, TNorm>;
  required: Set<string>;
  additional?: boolean | TNorm;
  items?: TNorm;
  unions: { kind: "oneOf" | "anyOf"; members: TNorm[] }[];
  not?: TNorm;
  constraints: Partial<Record<TConstraint, number | string | boolean>>;
  hasDefault: boolean;
  readOnly: boolean;
  writeOnly: boolean;
  deprecated: boolean;
};

type TRaw = Record<string, unknown>;
const isRecord = (v: unknown): v is TRaw => !!v && typeof v === "object" && !Array.isArray(v);

function empty(pointer: string | null): TNorm {
  return {
    pointer,
    types: null,
    properties: new Map(),
    required: new Set(),
    unions: [],
    constraints: {},
    hasDefault: false,
    readOnly: false,
    writeOnly: false,
    deprecated: false,
  };
}

function typesOf(raw: TRaw, version: TOpenApiVersion): Set<string> | null {
  let types: Set<string> | null = null;
  if (typeof raw.type === "string") types = new Set([raw.type]);
  else if (Array.isArray(raw.type)) types = new Set(raw.type.map(String));
  if (types && version === "3.0" && raw.nullable === true) types.add("null");
  return types;
}

function intersectTypes(a: Set<string> | null, b: Set<string> | null): Set<string> | null {
  if (!a) return b && new Set(b);
  if (!b) return new Set(a);
  const out = new Set<string>();
  for (const t of a) if (b.has(t) || (t === "integer" && b.has("number"))) out.add(t);
  for (const t of b) if (t === "integer" && a.has("number")) out.add(t);
  return out;
}

const TIGHTER_MAX = new Set(["maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties"]);
const TIGHTER_MIN = new Set(["minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties"]);

/** allOf as one schema: both sides' constraints hold, so bounds take the tighter value. */
function merge(a: TNorm, b: TNorm): TNorm {
  const out: TNorm = { ...a, properties: new Map(a.properties), required: new Set([...a.required, ...b.required]) };
  out.types = intersectTypes(a.types, b.types);
  if (a.enum && b.enum) out.enum = a.enum.filter((v) => b.enum!.some((w) => keyOf(w) === keyOf(v)));
  else out.enum = a.enum ?? b.enum;
  for (const [name, schema] of b.properties) {
    const mine = out.properties.get(name);
    out.properties.set(name, mine ? merge(mine, schema) : schema);
  }
  out.items = a.items && b.items ? merge(a.items, b.items) : (a.items ?? b.items);
  if (a.additional === undefined) out.additional = b.additional;
  else if (b.additional !== undefined)
    out.additional = a.additional === false || b.additional === false ? false : a.additional;
  out.unions = [...a.unions, ...b.unions];
  out.not = a.not ?? b.not;
  out.constraints = { ...a.constraints };
  for (const [k, v] of Object.entries(b.constraints) as [TConstraint, number | string | boolean][]) {
    const mine = out.constraints[k];
    if (mine === undefined || typeof mine !== "number" || typeof v !== "number") out.constraints[k] ??= v;
    else if (TIGHTER_MAX.has(k)) out.constraints[k] = Math.min(mine, v);
    else if (TIGHTER_MIN.has(k)) out.constraints[k] = Math.max(mine, v);
  }
  out.hasDefault = a.hasDefault || b.hasDefault;
  out.readOnly = a.readOnly || b.readOnly;
  out.writeOnly = a.writeOnly || b.writeOnly;
  out.deprecated = a.deprecated || b.deprecated;
  return out;
}

function addNull(n: TNorm): TNorm {
  if (!n.types) return n;
  return { ...n, types: new Set([...n.types, "null"]) };
}

const isNullOnly = (n: TNorm) => !!n.types && n.types.size === 1 && n.types.has("null") && !n.unions.length;

/** Dereferenced documents share one object per definition: normalize each once (results are not mutated). */
const memo = { "3.0": new WeakMap<object, TNorm>(), "3.1": new WeakMap<object, TNorm>() };

/** Normalizes a dereferenced schema of a document with the given OpenAPI version. */
export function normalizeSchema(raw: unknown, version: TOpenApiVersion, depth = 0): TNorm {
  if (raw === false) return { ...empty(null), types: new Set() };
  if (!isRecord(raw) || depth > 64) return empty(null);
  const cached = memo[version].get(raw);
  if (cached) return cached;
  const result = normalizeFresh(raw, version, depth);
  memo[version].set(raw, result);
  return result;
}

function normalizeFresh(raw: TRaw, version: TOpenApiVersion, depth: number): TNorm {
  const pointer = sourcePointer(raw) ?? null;
  if (isCycleRef(raw)) return { ...empty(refToPointer(raw.$ref)), ref: raw.$ref };
  const next = (v: unknown) => normalizeSchema(v, version, depth + 1);

  let own = empty(pointer);
  own.types = typesOf(raw, version);
  const values = Array.isArray(raw.enum) ? raw.enum : "const" in raw ? [raw.const] : undefined;
  if (values) {
    own.enum = values.filter((v) => v !== null);
    if (values.includes(null) && own.types) own.types.add("null");
  }
  if (isRecord(raw.properties))
    for (const [name, s] of Object.entries(raw.properties)) own.properties.set(name, next(s));
  if (Array.isArray(raw.required)) own.required = new Set(raw.required.map(String));
  if (typeof raw.additionalProperties === "boolean") own.additional = raw.additionalProperties;
  else if (isRecord(raw.additionalProperties)) own.additional = next(raw.additionalProperties);
  if (raw.items !== undefined) own.items = next(raw.items);
  if (raw.not !== undefined) own.not = next(raw.not);
  for (const key of CONSTRAINTS) {
    const v = raw[key];
    if (typeof v === "number" || typeof v === "string" || (typeof v === "boolean" && key === "uniqueItems"))
      own.constraints[key] = v;
  }
  // 3.0 boolean exclusive bounds become the 2020-12 numeric form, so both versions compare alike.
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof raw[flag] === "boolean" && raw[flag] && typeof raw[bound] === "number") {
      own.constraints[flag] = raw[bound] as number;
      delete own.constraints[bound];
    }
  }
  if (own.constraints.uniqueItems === false) delete own.constraints.uniqueItems;
  own.hasDefault = "default" in raw;
  own.readOnly = raw.readOnly === true;
  own.writeOnly = raw.writeOnly === true;
  own.deprecated = raw.deprecated === true;

  for (const kind of ["oneOf", "anyOf"] as const) {
    const list = raw[kind];
    if (!Array.isArray(list)) continue;
    let members = list.map(next);
    const nullable = members.some(isNullOnly);
    members = members.filter((m) => !isNullOnly(m));
    if (members.length === 1) {
      // oneOf: [X] (or [X, {type: null}]) is X (or a nullable X).
      own = merge(own, nullable ? addNull(members[0]) : members[0]);
      own.pointer = pointer;
    } else if (members.length) {
      own.unions.push({ kind, members: nullable ? members.map(addNull) : members });
    } else if (nullable) {
      own.types = intersectTypes(own.types, new Set(["null"]));
    }
  }
  if (Array.isArray(raw.allOf)) {
    for (const member of raw.allOf) own = merge(own, next(member));
    own.pointer = pointer;
    // 3.0's common `{nullable: true, allOf: [{$ref}]}` means "the referenced schema, or null".
    if (version === "3.0" && raw.nullable === true && own.types && !own.types.has("null")) own.types.add("null");
  }
  return own;
}

/** A canonical string of a plain JSON value, independent of key order. */
export function keyOf(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(keyOf).join(",")}]`;
  if (isRecord(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${keyOf(value[k])}`)
      .join(",")}}`;
  return JSON.stringify(value) ?? "undefined";
}

const canonicalCache = new WeakMap<TNorm, string>();

/** The identity of what a normalized schema accepts (annotations and locations excluded). */
export function canonical(n: TNorm, depth = 0): string {
  const cached = canonicalCache.get(n);
  if (cached) return cached;
  if (depth > 64) return "…";
  const c = (m: TNorm) => canonical(m, depth + 1);
  const parts: string[] = [];
  if (n.ref) parts.push(`ref:${n.ref}`);
  parts.push(`t:${n.types ? [...n.types].sort().join("|") : "*"}`);
  if (n.enum) parts.push(`e:${n.enum.map(keyOf).sort().join(",")}`);
  if (n.properties.size)
    parts.push(
      `p:{${[...n.properties.keys()]
        .sort()
        .map((k) => `${k}=${c(n.properties.get(k)!)}`)
        .join(",")}}`,
    );
  if (n.required.size) parts.push(`r:${[...n.required].sort().join(",")}`);
  if (n.additional !== undefined) parts.push(`a:${typeof n.additional === "boolean" ? n.additional : c(n.additional)}`);
  if (n.items) parts.push(`i:${c(n.items)}`);
  for (const u of n.unions) parts.push(`${u.kind}:[${u.members.map(c).sort().join(";")}]`);
  if (n.not) parts.push(`n:${c(n.not)}`);
  for (const k of Object.keys(n.constraints).sort())
    parts.push(`${k}=${JSON.stringify(n.constraints[k as TConstraint])}`);
  if (n.hasDefault) parts.push("d");
  if (n.readOnly) parts.push("ro");
  if (n.writeOnly) parts.push("wo");
  const key = `(${parts.join(" ")})`;
  canonicalCache.set(n, key);
  return key;
}
