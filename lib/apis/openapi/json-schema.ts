import type { TOpenApiVersion } from "./parse";

type TSchema = Record<string, unknown>;
export type TJsonSchema = TSchema | boolean;

/** Keywords of the OpenAPI Schema Object that are documentation or tooling hints, not JSON Schema. */
const OPENAPI_ONLY = new Set(["example", "xml", "externalDocs", "discriminator", "nullable"]);
/** Keywords whose value is one schema. */
const ONE = [
  "items",
  "additionalProperties",
  "not",
  "contains",
  "propertyNames",
  "if",
  "then",
  "else",
  "unevaluatedItems",
  "unevaluatedProperties",
  "additionalItems",
];
/** Keywords whose value is a list of schemas. */
const MANY = ["allOf", "anyOf", "oneOf", "prefixItems"];
/** Keywords whose value maps names to schemas. */
const MAP = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];

const COMPONENT_PREFIX = "#/components/schemas/";

export type TToJsonSchemaOptions = {
  /** `components.schemas` of the document: `#/components/schemas/X` refs become `#/$defs/X`, with X included. */
  components?: Record<string, unknown>;
};

function convert(node: unknown, version: TOpenApiVersion, refs: Set<string>): TJsonSchema {
  if (typeof node === "boolean") return node;
  if (!node || typeof node !== "object" || Array.isArray(node)) return {};
  const source = node as TSchema;
  const out: TSchema = {};
  for (const [key, value] of Object.entries(source)) {
    if (OPENAPI_ONLY.has(key) || key.startsWith("x-")) continue;
    if (key === "$ref" && typeof value === "string") {
      if (value.startsWith(COMPONENT_PREFIX)) {
        const name = decodeURIComponent(value.slice(COMPONENT_PREFIX.length)).replace(/~1/g, "/").replace(/~0/g, "~");
        refs.add(name);
        out.$ref = `#/$defs/${encodeURIComponent(name)}`;
      } else {
        out.$ref = value;
      }
    } else if (ONE.includes(key)) {
      out[key] = convert(value, version, refs);
    } else if (MANY.includes(key) && Array.isArray(value)) {
      out[key] = value.map((v) => convert(v, version, refs));
    } else if (MAP.includes(key) && value && typeof value === "object") {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, version, refs)]));
    } else {
      out[key] = value;
    }
  }
  if (version === "3.0") {
    // 3.0's boolean flags modify minimum/maximum; 2020-12 puts the bound in the exclusive keyword itself.
    for (const [flag, bound] of [
      ["exclusiveMinimum", "minimum"],
      ["exclusiveMaximum", "maximum"],
    ] as const) {
      if (typeof out[flag] !== "boolean") continue;
      if (out[flag] === true && typeof out[bound] === "number") {
        out[flag] = out[bound];
        delete out[bound];
      } else {
        delete out[flag];
      }
    }
    if (source.nullable === true) addNull(out);
    // 3.0 `example` is dropped above; keep it as 2020-12 `examples` for documentation tools.
    if ("example" in source && !("examples" in out)) out.examples = [source.example];
  }
  return out;
}

/** `nullable: true` accepts null as well as what the schema accepts otherwise. */
function addNull(out: TSchema): void {
  if (typeof out.type === "string") out.type = out.type === "null" ? "null" : [out.type, "null"];
  else if (Array.isArray(out.type) && !out.type.includes("null")) out.type = [...out.type, "null"];
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  // A nullable composition (or an untyped nullable schema with a $ref/allOf) also admits null.
  if (out.type === undefined && (out.$ref || out.allOf || out.oneOf || out.anyOf)) {
    const { $schema, $defs, ...rest } = out;
    for (const key of Object.keys(out)) delete out[key];
    if ($schema !== undefined) out.$schema = $schema;
    if ($defs !== undefined) out.$defs = $defs;
    out.anyOf = [{ type: "null" }, rest];
  }
}

/**
 * An OpenAPI Schema Object as JSON Schema 2020-12, for Ajv 2020 (`ajv/dist/2020`). 3.0 schemas are
 * converted (nullable → a "null" type, boolean exclusive bounds → numeric, OpenAPI-only keywords
 * dropped; readOnly/writeOnly are kept as annotations); 3.1 schemas already are 2020-12 and only lose
 * the OpenAPI-only keywords that strict Ajv rejects. With `components`, component refs resolve
 * through `$defs` so recursive schemas stay recursive.
 */
export function toJsonSchema(
  schema: unknown,
  version: TOpenApiVersion,
  options: TToJsonSchemaOptions = {},
): TJsonSchema {
  const refs = new Set<string>();
  const root = convert(schema, version, refs);
  if (!options.components || !refs.size || typeof root === "boolean") return root;
  const defs: Record<string, TJsonSchema> = {};
  const queue = [...refs];
  while (queue.length) {
    const name = queue.shift()!;
    if (name in defs || !(name in options.components)) continue;
    const found = new Set<string>();
    defs[name] = convert(options.components[name], version, found);
    for (const next of found) if (!(next in defs)) queue.push(next);
  }
  return { ...root, $defs: { ...((root.$defs as object) ?? {}), ...defs } };
}
