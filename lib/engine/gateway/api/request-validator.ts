import type { IncomingHttpHeaders } from "node:http";
import type { ErrorObject, ValidateFunction } from "ajv";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { toJsonSchema, type TJsonSchema } from "@/lib/apis/openapi/json-schema";
import type { TOperation, TOperationParameter, TParameterLocation } from "@/lib/apis/openapi/operations";
import type { TOpenApiVersion } from "@/lib/apis/openapi/parse";
import type { FieldErrors } from "@/lib/errors";
import { cookieValue, headerValue, pathValue, queryValue, type TRawParam } from "./param-values";

/** What the validator reads of a request. */
export type TRequestParts = {
  pathParams: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Lower-case media type without parameters ("application/json"), "" when absent. */
  mediaType: string;
  raw: Buffer;
};

export type TValidation =
  | { ok: true; /** The parsed JSON body, when the request had one. */ json?: unknown }
  | { ok: false; kind: "invalid"; errors: FieldErrors }
  | { ok: false; kind: "media-type"; accepted: string[] };

type TRecord = Record<string, unknown>;
const LOCATIONS: TParameterLocation[] = ["path", "query", "header", "cookie"];

const isJsonType = (t: string) => t === "application/json" || /^application\/[^;]*\+json$/.test(t) || t === "*/*";

/** The requestBody entry for a media type: exact, then `type/*`, then `*∕*` (OpenAPI's precedence). */
function mediaEntry(content: TRecord, mediaType: string): string | undefined {
  if (mediaType in content) return mediaType;
  const wild = `${mediaType.split("/")[0]}/*`;
  if (wild in content) return wild;
  return "*/*" in content ? "*/*" : undefined;
}

/** One problem message in words, with what the schema allows where Ajv's text leaves it out. */
function message(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === "required") return "is required";
  if (e.keyword === "additionalProperties") return "is not allowed";
  if (e.keyword === "enum") return `must be one of ${JSON.stringify(p.allowedValues)}`;
  if (e.keyword === "const") return `must be ${JSON.stringify(p.allowedValue)}`;
  return e.message ?? `fails ${e.keyword}`;
}

/** The segment Ajv's error is about: the instance path plus the property a required/additional error names. */
function segments(e: ErrorObject): string[] {
  const parts = e.instancePath
    ? e.instancePath
        .slice(1)
        .split("/")
        .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    : [];
  const p = e.params as Record<string, unknown>;
  if (e.keyword === "required" && typeof p.missingProperty === "string") parts.push(p.missingProperty);
  if (e.keyword === "additionalProperties" && typeof p.additionalProperty === "string")
    parts.push(p.additionalProperty);
  return parts;
}

function addError(errors: FieldErrors, location: string, text: string): void {
  const list = (errors[location] ??= []);
  if (!list.includes(text)) list.push(text);
}

/**
 * One operation's request contract, compiled once with Ajv 2020 (allErrors): its path, query, header
 * and cookie parameters (split by style/explode, then coerced from text by their schema) and its JSON
 * body. Every problem is reported with its location: `query.limit`, `path.id`, `header.x-tenant`,
 * `body/items/0/sku`.
 */
export class OperationValidator {
  private readonly params = new Map<TParameterLocation, { list: TOperationParameter[]; validate: ValidateFunction }>();
  private readonly bodies = new Map<string, ValidateFunction | null>();

  constructor(
    readonly op: TOperation,
    private readonly ajv: { params: Ajv2020; body: Ajv2020 },
    private readonly version: TOpenApiVersion,
    private readonly components: TRecord | undefined,
  ) {
    for (const location of LOCATIONS) {
      const list = op.parameters.filter((p) => p.in === location);
      if (!list.length) continue;
      const name = (p: TOperationParameter) => (location === "header" ? p.name.toLowerCase() : p.name);
      const schema = {
        type: "object",
        properties: Object.fromEntries(list.map((p) => [name(p), this.schema(p.schema)])),
        required: list.filter((p) => p.required).map(name),
      };
      this.params.set(location, { list, validate: ajv.params.compile(schema) });
    }
  }

  private schema(s: unknown): TJsonSchema {
    return toJsonSchema(s, this.version, { components: this.components });
  }

  private bodyValidator(entry: string): ValidateFunction | null {
    if (!this.bodies.has(entry)) {
      const schema = this.op.requestBody?.content[entry]?.schema;
      this.bodies.set(entry, schema === undefined ? null : this.ajv.body.compile(this.schema(schema)));
    }
    return this.bodies.get(entry)!;
  }

  validate(req: TRequestParts): TValidation {
    const errors: FieldErrors = {};
    for (const [location, { list, validate }] of this.params) {
      const values: Record<string, TRawParam> = {};
      for (const p of list) {
        const v =
          location === "path"
            ? pathValue(p, req.pathParams[p.name] ?? "")
            : location === "query"
              ? queryValue(p, req.query)
              : location === "header"
                ? headerValue(p, req.headers[p.name.toLowerCase()])
                : cookieValue(p, typeof req.headers.cookie === "string" ? req.headers.cookie : undefined);
        if (v !== undefined) values[location === "header" ? p.name.toLowerCase() : p.name] = v;
      }
      if (!validate(values))
        for (const e of validate.errors ?? []) {
          const [first, ...rest] = segments(e);
          const at = first === undefined ? location : [`${location}.${first}`, ...rest].join("/");
          addError(errors, at, message(e));
        }
    }
    let json: unknown;
    const body = this.op.requestBody;
    if (body) {
      const present = req.raw.length > 0;
      const types = Object.keys(body.content);
      if (!present) {
        if (body.required) addError(errors, "body", "is required");
      } else if (types.length) {
        const entry = mediaEntry(body.content, req.mediaType || "application/json");
        if (!entry) return { ok: false, kind: "media-type", accepted: types };
        if (isJsonType(req.mediaType || "application/json")) {
          try {
            json = JSON.parse(req.raw.toString("utf8"));
          } catch (error) {
            addError(errors, "body", `is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
          }
          const validate = json === undefined ? null : this.bodyValidator(entry);
          if (validate && !validate(json))
            for (const e of validate.errors ?? []) addError(errors, ["body", ...segments(e)].join("/"), message(e));
        }
      }
    }
    if (Object.keys(errors).length) return { ok: false, kind: "invalid", errors };
    return json === undefined ? { ok: true } : { ok: true, json };
  }
}

/** The two Ajv instances of one revision: parameters are text and get coerced; bodies are JSON and never are. */
export function createAjvPair(): { params: Ajv2020; body: Ajv2020 } {
  const make = (coerce: boolean) => {
    const ajv = new Ajv2020({
      allErrors: true,
      strict: false,
      coerceTypes: coerce ? "array" : false,
      validateSchema: false,
      unicodeRegExp: false,
    });
    addFormats(ajv);
    return ajv;
  };
  return { params: make(true), body: make(false) };
}
