import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { listOperations } from "@/lib/apis/openapi/operations";
import { ReferenceDocs, groupByTag, operationAnchor } from "./reference-docs";
import { children, constraints, isNullable, typeLabel } from "./schema-summary";

const doc = {
  openapi: "3.1.0",
  info: { title: "Orders", version: "2.1.0" },
  paths: {
    "/orders": {
      get: {
        operationId: "listOrders",
        tags: ["Orders"],
        summary: "List orders",
        parameters: [
          {
            name: "status",
            in: "query",
            schema: { type: "string", enum: ["open", "shipped"], default: "open" },
            description: "Filter by status",
          },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
        ],
        responses: {
          "200": {
            description: "The orders",
            content: {
              "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Order" } } },
            },
          },
        },
      },
      post: {
        tags: ["Orders"],
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: "#/components/schemas/Order" } } },
        },
        responses: { "201": { description: "Created" }, default: { description: "A problem" } },
      },
    },
    "/orders/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
      delete: { deprecated: true, responses: { "204": { description: "Gone" } } },
    },
    "/health": { get: { responses: { "200": { description: "Up" } } } },
  },
  components: {
    schemas: {
      Order: {
        type: "object",
        required: ["id", "lines"],
        properties: {
          id: { type: "string", format: "uuid", examples: ["6f1c2e9a-0000-4000-8000-000000000000"] },
          note: { type: ["string", "null"], maxLength: 200, description: "Free text" },
          lines: { type: "array", minItems: 1, items: { $ref: "#/components/schemas/Line" } },
        },
      },
      Line: {
        type: "object",
        properties: {
          sku: { type: "string" },
          children: { type: "array", items: { $ref: "#/components/schemas/Line" } },
        },
      },
    },
  },
};

describe("ReferenceDocs", () => {
  const operations = listOperations(doc);
  const html = renderToStaticMarkup(<ReferenceDocs info={doc.info} operations={operations} />);

  it("groups operations by first tag, untagged last, each with a unique anchor linked from the contents", () => {
    expect(groupByTag(operations).map((g) => [g.tag, g.operations.length])).toEqual([
      ["Orders", 2],
      ["Other operations", 2],
    ]);
    const anchors = operations.map(operationAnchor);
    expect(new Set(anchors).size).toBe(anchors.length);
    for (const a of anchors) {
      expect(html).toContain(`id="${a}"`);
      expect(html).toContain(`href="#${a}"`);
    }
    expect(operationAnchor({ method: "DELETE", path: "/orders/{id}" })).toBe("op-delete-orders-id");
  });

  it("shows method badges, deprecated marks, parameters, the request body and responses", () => {
    expect(html).toContain("Orders <span");
    expect(html).toMatch(/>DELETE<\/span>[\s\S]*line-through[\s\S]*\/orders\/\{id\}/);
    expect(html).toContain("Deprecated");
    expect(html).toContain("Filter by status");
    expect(html).toContain("&quot;shipped&quot;");
    expect(html).toContain("≥ 1");
    expect(html).toContain("Request body <span");
    expect(html).toContain("(required)");
    expect(html).toContain(">default<");
    expect(html).toContain("array of object");
    // The recursive Line schema ends in its name instead of expanding forever.
    expect(html).toContain("array of Line");
    // Trees are native disclosure widgets: keyboard operable without script.
    expect(html).toContain("<details");
    expect(html).toContain("<summary");
  });

  it("renders a document without operations", () => {
    const empty = renderToStaticMarkup(<ReferenceDocs info={{ title: "Empty", version: "1.0.0" }} operations={[]} />);
    expect(empty).toContain("defines no operations");
  });
});

describe("schema summary", () => {
  it("labels types with format, array items and 3.0/3.1 nullability", () => {
    expect(typeLabel({ type: "string", format: "date-time" })).toBe("string (date-time)");
    expect(typeLabel({ type: "array", items: { type: "integer" } })).toBe("array of integer");
    expect(typeLabel({ type: ["string", "null"] })).toBe("string");
    expect(isNullable({ type: ["string", "null"] })).toBe(true);
    expect(isNullable({ type: "string", nullable: true })).toBe(true);
    expect(isNullable({ oneOf: [{ type: "string" }, { type: "null" }] })).toBe(true);
    expect(isNullable({ type: "string" })).toBe(false);
  });

  it("says constraints in words and marks required properties", () => {
    expect(constraints({ minLength: 1, maxLength: 64, pattern: "^[A-Z]+$" })).toEqual([
      "1–64 characters",
      "pattern ^[A-Z]+$",
    ]);
    expect(constraints({ exclusiveMinimum: 0, maximum: 10 })).toEqual(["> 0", "≤ 10"]);
    expect(
      children({ type: "object", required: ["a"], properties: { a: { type: "string" }, b: { type: "string" } } }).map(
        (c) => [c.name, c.required],
      ),
    ).toEqual([
      ["a", true],
      ["b", false],
    ]);
  });
});
