import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  describeFields,
  errorsUnder,
  fieldKind,
  formatFieldValue,
  getIn,
  nextStepId,
  parseFieldInput,
  setIn,
  type JsonSchema,
} from "./schema-form";

const schemaOf = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" }) as JsonSchema;

const httpLike = schemaOf(
  z
    .object({
      url: z.string().url().describe("Where to POST."),
      timeoutMs: z.number().int().positive().default(5000),
      method: z.enum(["POST", "PUT"]).default("POST"),
      headers: z.record(z.string(), z.string()).default({}),
      tags: z.array(z.string()).optional(),
      retry: z.object({ maxAttempts: z.number().int().min(1).max(10) }).optional(),
      expression: z.string(),
      mode: z.union([z.literal("a"), z.literal("b")]).optional(),
      either: z.union([z.string(), z.number()]).optional(),
      enabled: z.boolean().default(false),
      cases: z.array(z.object({ when: z.string(), to: z.string() })).min(1),
    })
    .strict(),
);

describe("describeFields", () => {
  const fields = describeFields(httpLike);
  const byName = Object.fromEntries(fields.map((f) => [f.name, f]));

  it("maps each JSON Schema shape to a form control kind", () => {
    expect(Object.fromEntries(fields.map((f) => [f.name, f.kind]))).toEqual({
      url: "string",
      timeoutMs: "integer",
      method: "enum",
      headers: "json",
      tags: "list",
      retry: "object",
      expression: "text",
      mode: "enum",
      either: "json",
      enabled: "boolean",
      cases: "json",
    });
  });

  it("keeps docs, defaults, options and constraints from the spec", () => {
    expect(byName.url).toMatchObject({ required: true, description: "Where to POST.", constraints: ["format: uri"] });
    expect(byName.timeoutMs).toMatchObject({ required: false, default: 5000, constraints: ["> 0"] });
    expect(byName.method.options).toEqual(["POST", "PUT"]);
    expect(byName.mode.options).toEqual(["a", "b"]);
    expect(byName.cases.constraints).toEqual(["at least 1 item"]);
  });

  it("describes nested object fields with full paths", () => {
    expect(byName.retry.fields?.[0]).toMatchObject({
      name: "maxAttempts",
      path: "retry.maxAttempts",
      kind: "integer",
      required: true,
      constraints: ["≥ 1", "≤ 10"],
    });
  });

  it("does not treat a union with other types as text", () => {
    expect(fieldKind("x", { anyOf: [{ type: "string" }, { type: "null" }] })).toBe("string");
  });
});

describe("parseFieldInput / formatFieldValue", () => {
  it("converts typed text to config values and back", () => {
    expect(parseFieldInput({ kind: "integer" }, "42")).toEqual({ value: 42 });
    expect(parseFieldInput({ kind: "integer" }, "4.5")).toEqual({ error: "Enter a whole number." });
    expect(parseFieldInput({ kind: "number" }, "abc")).toEqual({ error: "Enter a number." });
    expect(parseFieldInput({ kind: "list" }, "a\n\n b \n")).toEqual({ value: ["a", "b"] });
    expect(parseFieldInput({ kind: "json" }, '{"a":1}')).toEqual({ value: { a: 1 } });
    expect(parseFieldInput({ kind: "json" }, "{a")).toHaveProperty("error");
    expect(parseFieldInput({ kind: "string" }, "  ")).toEqual({ value: undefined });
    expect(formatFieldValue({ kind: "list" }, ["a", "b"])).toBe("a\nb");
    expect(formatFieldValue({ kind: "json" }, { a: 1 })).toBe('{\n  "a": 1\n}');
    expect(formatFieldValue({ kind: "integer" }, undefined)).toBe("");
  });
});

describe("setIn / getIn / errorsUnder / nextStepId", () => {
  it("sets nested values immutably and prunes emptied objects", () => {
    const a = { steps: [{ id: "x", config: {} }] };
    const b = setIn(a, "steps.0.config.retry.maxAttempts", 3);
    expect(getIn(b, "steps.0.config.retry.maxAttempts")).toBe(3);
    expect(a.steps[0].config).toEqual({});
    const c = setIn(b, "steps.0.config.retry.maxAttempts", undefined);
    expect(c.steps[0].config).toEqual({});
    expect(Array.isArray(c.steps)).toBe(true);
  });
  it("re-keys server field errors relative to a component", () => {
    expect(
      errorsUnder({ "steps.1.config.url": ["bad"], "steps.10.id": ["x"], "steps.1": ["whole"] }, "steps.1"),
    ).toEqual({ "config.url": ["bad"], "": ["whole"] });
  });
  it("makes unique step ids", () => {
    expect(nextStepId("parse_xml", [])).toBe("parse-xml");
    expect(nextStepId("parse_xml", ["parse-xml", "parse-xml-2"])).toBe("parse-xml-3");
  });
});
