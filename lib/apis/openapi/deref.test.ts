import { describe, expect, it } from "vitest";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking an untyped document in assertions
type TAny = any;
import { dereference, isCycleRef, sourcePointer } from "./deref";

const doc = {
  paths: {
    "/orders": {
      get: {
        responses: { "200": { $ref: "#/components/responses/OrderList" } },
      },
    },
  },
  components: {
    responses: {
      OrderList: {
        description: "Orders",
        content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Order" } } } },
      },
    },
    schemas: {
      Order: {
        type: "object",
        properties: {
          id: { type: "string" },
          customer: { $ref: "#/components/schemas/Customer" },
          lines: { type: "array", items: { $ref: "#/components/schemas/Line" } },
        },
      },
      Customer: { type: "object", properties: { name: { type: "string" } } },
      Line: {
        type: "object",
        properties: {
          sku: { type: "string" },
          children: { type: "array", items: { $ref: "#/components/schemas/Line" } },
        },
      },
      "a/b": { type: "integer" },
      Slash: { $ref: "#/components/schemas/a~1b", description: "beside the ref" },
    },
  },
};

describe("dereference", () => {
  it("replaces internal references and leaves the input untouched", () => {
    const before = structuredClone(doc);
    const out = dereference(doc);
    expect(doc).toEqual(before);
    const schema = (out.paths["/orders"].get.responses["200"] as TAny).content["application/json"].schema;
    expect(schema.items.properties.customer).toEqual({ type: "object", properties: { name: { type: "string" } } });
    expect(sourcePointer(schema.items)).toBe("/components/schemas/Order");
    expect(sourcePointer(schema.items.properties.customer)).toBe("/components/schemas/Customer");
    expect(sourcePointer(schema)).toBe("/components/responses/OrderList/content/application~1json/schema");
  });

  it("keeps a recursive schema finite with a $ref marker where it recurses", () => {
    const out = dereference(doc);
    const line = out.components.schemas.Order.properties.lines.items as TAny;
    expect(line.properties.sku).toEqual({ type: "string" });
    expect(line.properties.children.items).toEqual({ $ref: "#/components/schemas/Line" });
    expect(isCycleRef(line.properties.children.items)).toBe(true);
    expect(() => JSON.stringify(out)).not.toThrow();
  });

  it("decodes pointer escapes and lets keys beside a $ref override the target's", () => {
    const out = dereference(doc);
    expect(out.components.schemas.Slash).toEqual({ type: "integer", description: "beside the ref" });
  });

  it("leaves external and dangling references as written", () => {
    const out = dereference({ a: { $ref: "other.yaml#/x" }, b: { $ref: "#/missing" } });
    expect(out).toEqual({ a: { $ref: "other.yaml#/x" }, b: { $ref: "#/missing" } });
  });
});
