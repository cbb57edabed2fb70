import { describe, expect, it } from "vitest";
import { parseFlowDocument, serializeFlowDocument, ZFlowSpec } from "./flow-spec";

const minimal = {
  name: "orders",
  input: { use: "http", config: { path: "/orders" } },
  steps: [{ id: "map", use: "transform_jsonata", config: { expression: "$" } }],
  outputs: [{ id: "out", use: "http", config: { url: "http://x" } }],
};

describe("ZFlowSpec", () => {
  it("fills policy defaults", () => {
    const spec = ZFlowSpec.parse(minimal);
    expect(spec.policy).toMatchObject({
      retry: { maxAttempts: 5, multiplier: 2 },
      dlq: true,
      concurrency: 4,
      timeoutMs: 10_000,
    });
  });

  it.each([
    [{ ...minimal, outputs: [] }, "outputs"],
    [{ ...minimal, steps: [{ id: "Bad Id", use: "x", config: {} }] }, "steps.0.id"],
    [{ ...minimal, steps: [{ id: "out", use: "filter" }] }, "outputs.0.id"],
    [{ ...minimal, policy: { retry: { initialDelayMs: 5_000, maxDelayMs: 10 } } }, "policy.retry.maxDelayMs"],
    [{ ...minimal, policy: { retry: { maxAttempts: 0 } } }, "policy.retry.maxAttempts"],
    [{ ...minimal, extra: 1 }, ""],
  ])("rejects invalid spec %#", (raw, path) => {
    const res = ZFlowSpec.safeParse(raw);
    expect(res.success).toBe(false);
    expect(res.error!.issues.map((i) => i.path.join("."))).toContain(path);
  });
});

describe("flow documents", () => {
  it("round-trips through YAML and JSON", () => {
    const spec = ZFlowSpec.parse(minimal);
    expect(parseFlowDocument(serializeFlowDocument(spec, "yaml"))).toEqual(spec);
    expect(parseFlowDocument(serializeFlowDocument(spec, "json"))).toEqual(spec);
  });

  it("reports syntax errors with the format", () => {
    expect(() => parseFlowDocument("name: [unclosed", "yaml")).toThrow(/not valid YAML/);
    expect(() => parseFlowDocument("{", "json")).toThrow(/not valid JSON/);
  });
});
