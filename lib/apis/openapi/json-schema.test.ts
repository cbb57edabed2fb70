import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { toJsonSchema } from "./json-schema";

const ajv = () => new Ajv2020({ strict: true, allErrors: true });

describe("toJsonSchema", () => {
  it("turns 3.0 nullable into a null type, also for enums", () => {
    const out = toJsonSchema({ type: "string", nullable: true, enum: ["a", "b"] }, "3.0");
    expect(out).toEqual({ type: ["string", "null"], enum: ["a", "b", null] });
    const validate = ajv().compile(out);
    expect(validate(null)).toBe(true);
    expect(validate("a")).toBe(true);
    expect(validate("c")).toBe(false);
  });

  it("wraps a nullable reference or composition so null is accepted", () => {
    const out = toJsonSchema({ nullable: true, allOf: [{ type: "integer" }] }, "3.0");
    const validate = ajv().compile(out);
    expect(validate(null)).toBe(true);
    expect(validate(3)).toBe(true);
    expect(validate("x")).toBe(false);
  });

  it("converts boolean exclusive bounds and drops OpenAPI-only keywords, keeping readOnly/writeOnly", () => {
    const out = toJsonSchema(
      {
        type: "object",
        discriminator: { propertyName: "kind" },
        xml: { name: "order" },
        externalDocs: { url: "https://example.com" },
        "x-internal": true,
        properties: {
          qty: {
            type: "integer",
            minimum: 0,
            exclusiveMinimum: true,
            maximum: 10,
            exclusiveMaximum: false,
            example: 3,
          },
          id: { type: "string", readOnly: true },
          secret: { type: "string", writeOnly: true },
        },
      },
      "3.0",
    );
    expect(out).toEqual({
      type: "object",
      properties: {
        qty: { type: "integer", exclusiveMinimum: 0, maximum: 10, examples: [3] },
        id: { type: "string", readOnly: true },
        secret: { type: "string", writeOnly: true },
      },
    });
    const validate = ajv().compile(out);
    expect(validate({ qty: 0 })).toBe(false);
    expect(validate({ qty: 10 })).toBe(true);
  });

  it("passes 3.1 (already 2020-12) through, without the keywords strict Ajv rejects", () => {
    const schema = { type: ["string", "null"], exclusiveMinimum: 3, examples: ["x"], const: "x" };
    expect(toJsonSchema(schema, "3.1")).toEqual(schema);
    expect(toJsonSchema({ type: "object", discriminator: { propertyName: "t" } }, "3.1")).toEqual({ type: "object" });
  });

  it("resolves component references through $defs so recursive schemas compile", () => {
    const components = {
      Node: {
        type: "object",
        required: ["name"],
        properties: {
          name: { type: "string" },
          children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
        },
      },
    };
    const out = toJsonSchema({ $ref: "#/components/schemas/Node" }, "3.0", { components });
    expect(out).toMatchObject({ $ref: "#/$defs/Node", $defs: { Node: { type: "object" } } });
    const validate = ajv().compile(out);
    expect(validate({ name: "a", children: [{ name: "b", children: [] }] })).toBe(true);
    expect(validate({ name: "a", children: [{ children: [] }] })).toBe(false);
  });
});
