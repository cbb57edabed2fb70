import { describe, expect, it } from "vitest";
import type { TApiDocument } from "@/lib/apis/document";
import { RevisionContract } from "./contract";
import type { TRequestParts } from "./request-validator";

const doc = (openapi: Record<string, unknown>): TApiDocument => ({
  product: "shop",
  major: 1,
  openapi,
  backend: { kind: "http", url: "http://upstream" },
  auth: {},
  syncTimeoutMs: 10_000,
});

const parts = (p: Partial<TRequestParts>): TRequestParts => ({
  pathParams: {},
  query: new URLSearchParams(),
  headers: {},
  mediaType: "",
  raw: Buffer.alloc(0),
  ...p,
});

const v30 = doc({
  openapi: "3.0.3",
  info: { title: "shop", version: "1" },
  paths: {
    "/carts/{ids}": {
      get: {
        parameters: [
          { name: "ids", in: "path", required: true, schema: { type: "array", items: { type: "integer" } } },
          { name: "tags", in: "query", explode: false, schema: { type: "array", items: { type: "string" } } },
          { name: "range", in: "query", style: "pipeDelimited", schema: { type: "array", items: { type: "number" } } },
          {
            name: "filter",
            in: "query",
            style: "deepObject",
            schema: { type: "object", properties: { min: { type: "integer" }, state: { enum: ["a", "b"] } } },
          },
          { name: "dry", in: "query", schema: { type: "boolean" } },
          { name: "session", in: "cookie", schema: { type: "string", minLength: 4 } },
        ],
        responses: { "200": { description: "ok" } },
      },
    },
    "/carts": {
      post: {
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: "#/components/schemas/Cart" } } },
        },
        responses: { "201": { description: "ok" } },
      },
    },
    "/carts/export": { get: { responses: { "200": { description: "ok" } } } },
  },
  components: {
    schemas: {
      Cart: {
        type: "object",
        required: ["lines"],
        properties: {
          note: { type: "string", nullable: true },
          lines: { type: "array", items: { $ref: "#/components/schemas/Line" } },
        },
      },
      // Recursive: a line may bundle lines.
      Line: {
        type: "object",
        required: ["sku"],
        properties: {
          sku: { type: "string" },
          bundle: { type: "array", items: { $ref: "#/components/schemas/Line" } },
        },
      },
    },
  },
});

describe("request validation against the OpenAPI contract", () => {
  const contract = new RevisionContract(v30);

  it("splits parameters by style and explode, and coerces text to the schema's types", () => {
    const m = contract.match("GET", "/carts/1,2,3")!;
    expect(m.label).toBe("GET /carts/{ids}");
    const ok = m.validator.validate(
      parts({
        pathParams: m.pathParams,
        query: new URLSearchParams("tags=a,b&range=1.5|2&filter[min]=3&filter[state]=a&dry=true"),
        headers: { cookie: "theme=dark; session=abcdef" },
      }),
    );
    expect(ok).toEqual({ ok: true });
  });

  it("reports every parameter problem at its location", () => {
    const m = contract.match("GET", "/carts/1,x")!;
    const r = m.validator.validate(
      parts({
        pathParams: m.pathParams,
        query: new URLSearchParams("range=1|z&filter[min]=low&filter[state]=c&dry=maybe"),
        headers: { cookie: "session=ab" },
      }),
    );
    expect(r).toEqual({
      ok: false,
      kind: "invalid",
      errors: {
        "path.ids/1": ["must be integer"],
        "query.range/1": ["must be number"],
        "query.filter/min": ["must be integer"],
        "query.filter/state": ['must be one of ["a","b"]'],
        "query.dry": ["must be boolean"],
        "cookie.session": ["must NOT have fewer than 4 characters"],
      },
    });
  });

  it("validates a JSON body through refs (recursive ones too) and 3.0 nullable", () => {
    const m = contract.match("POST", "/carts")!;
    const body = (value: unknown) =>
      m.validator.validate(parts({ mediaType: "application/json", raw: Buffer.from(JSON.stringify(value)) }));
    expect(body({ note: null, lines: [{ sku: "A", bundle: [{ sku: "B" }] }] })).toMatchObject({ ok: true });
    expect(body({ note: 5, lines: [{ bundle: [{}] }] })).toEqual({
      ok: false,
      kind: "invalid",
      errors: {
        "body/note": ["must be string,null"],
        "body/lines/0/sku": ["is required"],
        "body/lines/0/bundle/0/sku": ["is required"],
      },
    });
    expect(m.validator.validate(parts({ mediaType: "text/csv", raw: Buffer.from("a,b") }))).toEqual({
      ok: false,
      kind: "media-type",
      accepted: ["application/json"],
    });
  });

  it("prefers a literal path segment, and knows which methods a path accepts", () => {
    expect(contract.match("GET", "/carts/export")!.label).toBe("GET /carts/export");
    expect(contract.match("DELETE", "/carts")).toBeNull();
    expect(contract.match("HEAD", "/carts/export")!.label).toBe("GET /carts/export");
    expect(contract.methodsFor("/carts")).toEqual(["POST"]);
    expect(contract.methodsFor("/nothing")).toEqual([]);
  });
});
