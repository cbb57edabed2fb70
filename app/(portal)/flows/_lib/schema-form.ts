// Turns a component's JSON Schema (from the engine registry's describe()) into form field definitions,
// and converts between what a user types and the typed config value. Pure, so it is unit-tested and
// shared by the generated form and the component docs page.

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  title?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
};

export type FieldKind = "string" | "text" | "number" | "integer" | "boolean" | "enum" | "object" | "list" | "json";

export type FieldDef = {
  name: string;
  /** Dotted path inside the component config, e.g. "retry.maxAttempts". */
  path: string;
  kind: FieldKind;
  required: boolean;
  description?: string;
  default?: unknown;
  options?: string[];
  /** Nested fields of an "object" field. */
  fields?: FieldDef[];
  /** Constraints in words, for the docs and the field hint. */
  constraints: string[];
};

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const LONG_TEXT = /expression|mapping|query|sql|template|schema|script|body/i;

/** `X | null` and `X | undefined` unions behave like X; other unions are edited as JSON. */
export function unwrap(schema: JsonSchema): JsonSchema {
  const variants = schema.anyOf ?? schema.oneOf;
  if (!variants) return schema;
  const nonNull = variants.filter((v) => v.type !== "null");
  if (nonNull.length === 1) {
    const { anyOf: _a, oneOf: _o, ...rest } = schema;
    return { ...rest, ...unwrap(nonNull[0]) };
  }
  if (nonNull.every((v) => v.const !== undefined && typeof v.const === "string")) {
    return { ...schema, anyOf: undefined, oneOf: undefined, type: "string", enum: nonNull.map((v) => v.const) };
  }
  return schema;
}

export function fieldKind(name: string, raw: JsonSchema): FieldKind {
  const s = unwrap(raw);
  if (s.anyOf || s.oneOf || Array.isArray(s.type)) return "json";
  if (s.enum && s.enum.every((v) => typeof v === "string")) return "enum";
  if (typeof s.const === "string") return "enum";
  switch (s.type) {
    case "string":
      return LONG_TEXT.test(name) || (s.maxLength ?? 0) > 10_000 ? "text" : "string";
    case "integer":
      return "integer";
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "object":
      return s.properties && Object.keys(s.properties).length ? "object" : "json";
    case "array": {
      const items = s.items ? unwrap(s.items) : undefined;
      return items && (items.type === "string" || items.type === "number" || items.type === "integer") && !items.enum
        ? "list"
        : "json";
    }
    default:
      return "json";
  }
}

export function constraintsOf(raw: JsonSchema): string[] {
  const s = unwrap(raw);
  const out: string[] = [];
  if (s.format) out.push(`format: ${s.format}`);
  if (s.minimum !== undefined) out.push(`≥ ${s.minimum}`);
  if (s.exclusiveMinimum !== undefined) out.push(`> ${s.exclusiveMinimum}`);
  if (s.maximum !== undefined && s.maximum < MAX_SAFE) out.push(`≤ ${s.maximum}`);
  if (s.exclusiveMaximum !== undefined) out.push(`< ${s.exclusiveMaximum}`);
  if (s.minLength) out.push(`at least ${s.minLength} characters`);
  if (s.maxLength) out.push(`at most ${s.maxLength} characters`);
  if (s.minItems) out.push(`at least ${s.minItems} item${s.minItems === 1 ? "" : "s"}`);
  if (s.pattern) out.push(`pattern: ${s.pattern}`);
  return out;
}

/** The fields of an object schema, in declaration order. */
export function describeFields(schema: JsonSchema, prefix = ""): FieldDef[] {
  const s = unwrap(schema);
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([name, child]) => {
    const u = unwrap(child);
    const path = prefix ? `${prefix}.${name}` : name;
    const kind = fieldKind(name, child);
    return {
      name,
      path,
      kind,
      // A field with a default may be left out even when the output type requires it.
      required: required.has(name) && u.default === undefined,
      description: u.description ?? child.description,
      default: u.default,
      options: kind === "enum" ? ((u.enum ?? [u.const]) as string[]) : undefined,
      fields: kind === "object" ? describeFields(u, path) : undefined,
      constraints: constraintsOf(child),
    };
  });
}

/** Text shown in an input for a config value. */
export function formatFieldValue(field: Pick<FieldDef, "kind">, value: unknown): string {
  if (value === undefined || value === null) return "";
  switch (field.kind) {
    case "list":
      return Array.isArray(value) ? value.join("\n") : String(value);
    case "json":
      return JSON.stringify(value, null, 2);
    default:
      return String(value);
  }
}

export type Parsed = { value: unknown; error?: undefined } | { value?: undefined; error: string };

/**
 * What the user typed → the config value. An empty input means "leave it out" (undefined), so the
 * component's default applies.
 */
export function parseFieldInput(field: Pick<FieldDef, "kind">, text: string): Parsed {
  const t = text.trim();
  if (t === "") return { value: undefined };
  switch (field.kind) {
    case "integer":
    case "number": {
      const n = Number(t);
      if (!Number.isFinite(n)) return { error: "Enter a number." };
      if (field.kind === "integer" && !Number.isInteger(n)) return { error: "Enter a whole number." };
      return { value: n };
    }
    case "boolean":
      return { value: t === "true" || t === "on" };
    case "list":
      return {
        value: text
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean),
      };
    case "json":
      try {
        return { value: JSON.parse(t) };
      } catch (error) {
        return { error: `Enter valid JSON (${error instanceof Error ? error.message : "parse error"}).` };
      }
    default:
      return { value: text };
  }
}

type Obj = Record<string, unknown>;

export function getIn(obj: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((o, k) => (o !== null && typeof o === "object" ? (o as Obj)[k] : undefined), obj);
}

/** Immutable set; `undefined` removes the key, and a nested object left empty by that is removed too (never `config`). */
export function setIn<T>(obj: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split(".");
  const isArray = Array.isArray(obj);
  const copy: Obj | unknown[] = isArray ? [...(obj as unknown[])] : { ...((obj ?? {}) as Obj) };
  const current = (copy as Obj)[head];
  const next = rest.length ? setIn(current ?? (/^\d+$/.test(rest[0]) ? [] : {}), rest.join("."), value) : value;
  const isEmptyObject =
    next !== null &&
    typeof next === "object" &&
    !Array.isArray(next) &&
    Object.keys(next).length === 0 &&
    rest.length > 0 &&
    head !== "config";
  if ((next === undefined || isEmptyObject) && !isArray) delete (copy as Obj)[head];
  else (copy as Obj)[head] = next;
  return copy as T;
}

/** Errors whose key starts with `prefix.` re-keyed relative to it (server errors are spec-wide). */
export function errorsUnder(errors: Record<string, string[]> | undefined, prefix: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(errors ?? {})) {
    if (key === prefix) (out[""] ??= []).push(...messages);
    else if (key.startsWith(`${prefix}.`)) out[key.slice(prefix.length + 1)] = messages;
  }
  return out;
}

/** A step id not yet used in the spec, derived from the component name. */
export function nextStepId(component: string, taken: readonly string[]): string {
  const base = component.replace(/_/g, "-").replace(/^[^a-z]+/, "") || "step";
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base}-${i}`)) return `${base}-${i}`;
}
