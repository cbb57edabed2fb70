import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { canonicalJson } from "@/lib/utils/canonical-json";
import { LinearRegExp } from "@/lib/engine/sandbox/linear-regexp";

// Ajv's default regex engine backtracks; a user `pattern` once blocked a worker for 80 s. RE2 is linear.
const re2Engine = Object.assign((pattern: string, flags: string) => new LinearRegExp(pattern, flags), {
  code: 'new (require("re2-wasm").RE2)',
});

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();
const MAX_CACHED = 500;

function instance(): Ajv2020 {
  if (!ajv) {
    // strict:false accepts schemas written for other tools (unknown keywords are ignored, not fatal).
    ajv = new Ajv2020({ allErrors: true, strict: false, code: { regExp: re2Engine } });
    addFormats(ajv);
  }
  return ajv;
}

/** Compiles (and caches by content) a JSON Schema draft 2020-12; throws with Ajv's message when invalid. */
export function compileSchema(schema: Record<string, unknown>): ValidateFunction {
  const key = canonicalJson(schema);
  let fn = compiled.get(key);
  if (!fn) {
    const { $id: _id, ...rest } = schema; // a cached $id would clash on the next compile of an edited schema
    fn = instance().compile(rest);
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, fn);
  }
  return fn;
}
