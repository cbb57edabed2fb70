import { describe, expect, it } from "vitest";
import { createRegistry } from "@/lib/engine/components";
import { loadReferenceFlow } from "@/lib/engine/fixtures";
import { ZFlowSpec } from "@/lib/validation/flow-spec";
import { flowContentHash, validateFlowComponents } from "./flow-version";

describe("flowContentHash", () => {
  it("is stable under key order and defaults, and changes with content", () => {
    const a = ZFlowSpec.parse({
      name: "f",
      input: { use: "http", config: { path: "/a" } },
      outputs: [{ id: "o", use: "http", config: { url: "http://x", method: "POST" } }],
    });
    const b = ZFlowSpec.parse({
      outputs: [{ config: { method: "POST", url: "http://x" }, use: "http", id: "o" }],
      input: { config: { path: "/a" }, use: "http" },
      name: "f",
      policy: {},
    });
    expect(flowContentHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(flowContentHash(a)).toBe(flowContentHash(b));
    expect(flowContentHash({ ...a, name: "g" })).not.toBe(flowContentHash(a));
  });
});

describe("validateFlowComponents", () => {
  it("accepts the reference flow", () => {
    expect(validateFlowComponents(loadReferenceFlow(), createRegistry())).toEqual([]);
  });

  it("reports unknown components and bad configs with their path", () => {
    const spec = ZFlowSpec.parse({
      name: "f",
      input: { use: "http", config: {} },
      steps: [
        { id: "a", use: "nope" },
        { id: "b", use: "transform_jsonata", config: { expression: "a +" } },
      ],
      outputs: [{ id: "o", use: "http", config: { url: "ftp://x" } }],
    });
    const issues = validateFlowComponents(spec, createRegistry());
    expect(issues.map((i) => i.path)).toEqual([
      "input.config.path",
      "steps.0.use",
      "steps.1.config.expression",
      "outputs.0.config.url",
    ]);
    expect(issues[2].message).toMatch(/invalid JSONata/);
  });

  it("checks route branch references and the idempotency key", () => {
    const spec = ZFlowSpec.parse({
      name: "f",
      input: { use: "http", config: { path: "/a" } },
      steps: [
        { id: "early", use: "filter", config: { when: "true" }, when: ["big"] },
        { id: "r", use: "route", config: { branches: [{ name: "big", when: "total > 1" }], otherwise: "small" } },
      ],
      outputs: [
        { id: "o1", use: "http", config: { url: "http://x" }, when: ["big", "small"] },
        { id: "o2", use: "http", config: { url: "http://x" }, when: ["huge"] },
      ],
      policy: { idempotencyKey: "orderId &" },
    });
    expect(validateFlowComponents(spec, createRegistry()).map((i) => `${i.path}: ${i.message}`)).toEqual([
      'steps.0.when.0: no route step before this one defines branch "big"',
      'outputs.1.when.0: no route step before this one defines branch "huge"',
      expect.stringMatching(/^policy\.idempotencyKey: invalid JSONata/),
    ]);
  });
});
