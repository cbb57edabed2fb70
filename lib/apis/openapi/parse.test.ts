import { describe, expect, it } from "vitest";
import { OPENAPI_MAX_BYTES, parseOpenApiText } from "./parse";

const ORDERS_YAML = `openapi: 3.0.3
info:
  title: Orders
  version: "1.0"
paths:
  /orders/{id}:
    get:
      operationId: getOrder
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
      responses:
        "200":
          description: The order
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Order"
components:
  schemas:
    Order:
      type: object
      properties:
        id: { type: string }
`;

// Validation compiles the OpenAPI schemas once and runs @readme/openapi-parser: slow on a loaded machine.
describe("parseOpenApiText", { timeout: 60_000 }, () => {
  it("parses a valid YAML document and knows the line of every pointer", async () => {
    const parsed = await parseOpenApiText(ORDERS_YAML);
    expect(parsed.problems).toEqual([]);
    expect(parsed.ok).toBe(true);
    expect(parsed.format).toBe("yaml");
    expect(parsed.version).toBe("3.0");
    expect(parsed.lineOf("/paths/~1orders~1{id}/get")).toBe(7);
    expect(parsed.lineOf("/paths/~1orders~1{id}/get/parameters/0")).toBe(10);
    expect(parsed.lineOf("/components/schemas/Order/properties/id")).toBe(27);
    // An absent pointer falls back to its nearest written ancestor.
    expect(parsed.lineOf("/components/schemas/Order/properties/total")).toBe(26);
    expect(parsed.lineOf("#/components/schemas/Order")).toBe(24);
  });

  it("parses JSON with the same lines as written", async () => {
    const json = JSON.stringify(
      {
        openapi: "3.1.0",
        info: { title: "x", version: "1" },
        paths: { "/a": { get: { responses: { "204": { description: "none" } } } } },
      },
      null,
      2,
    );
    const parsed = await parseOpenApiText(json);
    expect(parsed.ok).toBe(true);
    expect(parsed.format).toBe("json");
    expect(parsed.version).toBe("3.1");
    expect(parsed.lineOf("/paths/~1a/get/responses/204")).toBe(
      json.split("\n").findIndex((l) => l.includes('"204"')) + 1,
    );
  });

  it("reports schema violations at their pointer and line, saying what to fix", async () => {
    const text = ORDERS_YAML.replace('  version: "1.0"\n', "")
      .replace("            type: string", "            type: strin")
      .replace("  /orders/{id}:", "  orders:\n    get:\n      responses: {}\n  /orders/{id}:");
    const parsed = await parseOpenApiText(text);
    expect(parsed.ok).toBe(false);
    const byPointer = Object.fromEntries(parsed.problems.map((p) => [p.pointer, p]));
    expect(byPointer["/info"]).toMatchObject({ line: 2, message: expect.stringContaining("`version`") });
    expect(byPointer["/paths/orders"]).toMatchObject({ line: 5, message: expect.stringContaining('start with "/"') });
    expect(byPointer["/paths/~1orders~1{id}/get/parameters/0/schema/type"]).toMatchObject({
      line: 16,
      message: expect.stringContaining('"string"'),
    });
  });

  it("refuses external references at their location and never fetches them", async () => {
    const parsed = await parseOpenApiText(
      ORDERS_YAML.replace('"#/components/schemas/Order"', "https://example.invalid/order.yaml"),
    );
    expect(parsed.ok).toBe(false);
    expect(parsed.problems).toEqual([
      {
        pointer: "/paths/~1orders~1{id}/get/responses/200/content/application~1json/schema/$ref",
        line: 21,
        message: expect.stringContaining("External reference `https://example.invalid/order.yaml` is not allowed"),
      },
    ]);
  });

  it("reports a dangling internal reference", async () => {
    const parsed = await parseOpenApiText(ORDERS_YAML.replace('schemas/Order"', 'schemas/Ordr"'));
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0].message).toContain("points to nothing");
  });

  it("locates spec-level findings: duplicate operationIds and path parameters", async () => {
    const text = ORDERS_YAML.replace(
      "components:",
      '  /orders:\n    get:\n      operationId: getOrder\n      responses:\n        "200": { description: ok }\ncomponents:',
    );
    const parsed = await parseOpenApiText(text);
    expect(parsed.problems).toEqual([
      {
        pointer: "/paths/~1orders/get/operationId",
        line: 24,
        message: "The operationId `getOrder` is duplicated and must be made unique.",
      },
    ]);
  });

  it("asks to convert Swagger 2.0 and rejects unsupported versions", async () => {
    const swagger = await parseOpenApiText('swagger: "2.0"\ninfo: {title: x, version: "1"}\npaths: {}\n');
    expect(swagger.ok).toBe(false);
    expect(swagger.problems[0].message).toMatch(/Swagger 2\.0.*Convert it to OpenAPI 3/);
    const unquoted = await parseOpenApiText("openapi: 3.0\ninfo: {title: x, version: '1'}\npaths: {}\n");
    expect(unquoted.problems[0]).toMatchObject({
      pointer: "/openapi",
      line: 1,
      message: expect.stringContaining("quote it"),
    });
    const v2 = await parseOpenApiText('openapi: "2.1.0"\npaths: {}');
    expect(v2.problems[0].message).toContain("not supported");
  });

  it("reports syntax errors with their line, and refuses oversized or empty text", async () => {
    const broken = await parseOpenApiText('{\n  "openapi": "3.1.0",\n  "info": {\n}');
    expect(broken.ok).toBe(false);
    expect(broken.doc).toBeNull();
    expect(broken.format).toBe("json");
    expect(broken.problems[0].message).toMatch(/^JSON syntax error/);
    expect(broken.problems[0].line).toBeGreaterThan(1);
    const dupKeys = await parseOpenApiText("openapi: 3.1.0\nopenapi: 3.0.0\n");
    expect(dupKeys.problems[0]).toMatchObject({ line: 2 });
    const huge = await parseOpenApiText(`# ${"x".repeat(OPENAPI_MAX_BYTES)}`);
    expect(huge.problems[0].message).toContain("limit is 2 MB");
    expect((await parseOpenApiText("  \n")).problems[0].message).toContain("empty");
  });

  it("accepts a recursive schema", async () => {
    const text = `${ORDERS_YAML}        children:\n          type: array\n          items: { $ref: "#/components/schemas/Order" }\n`;
    const parsed = await parseOpenApiText(text);
    expect(parsed.problems).toEqual([]);
  });
});
