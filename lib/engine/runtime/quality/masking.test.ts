import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createMessage } from "@/lib/engine/core/message";
import { hashSaltFor, ZMaskingPolicyDocument } from "@/lib/quality/privacy/policy";
import { Tokenizer } from "@/lib/quality/privacy/tokenize";
import { MaskingCompiler, type TMaskingStore } from "./masking";

const material = randomBytes(32);
const keys = { tokenizer: new Tokenizer({ version: 1, material }), salt: hashSaltFor(material) };
const ctx = (environmentId: string) => ({
  flowId: "f1",
  flowName: "orders",
  flowVersionId: "v1",
  environmentId,
  environmentKey: environmentId,
  deploymentId: "d1",
});
const log = { info() {}, warn() {}, error() {} };

function store(overrides: Partial<TMaskingStore> = {}) {
  const calls = { flow: 0 };
  const s: TMaskingStore = {
    isProduction: async (env) => env === "prod",
    flow: async () => {
      calls.flow++;
      return {
        name: "orders",
        steps: [{ use: "transform_jsonata", config: { expression: `{"mail": customer.email, "qty": qty}` } }],
        classes: [{ path: "customer.email", level: "confidential", tags: ["PII"] }],
      };
    },
    policies: async () => [
      ZMaskingPolicyDocument.parse({ key: "default", rules: [{ match: { tag: "PII" }, method: "tokenize" }] }),
    ],
    keys: async () => keys,
    ...overrides,
  };
  return { s, calls };
}

describe("MaskingCompiler", () => {
  it("masks propagated fields outside production and passes production clear", async () => {
    const { s } = store();
    const c = new MaskingCompiler(s, log);
    const msg = createMessage({ body: { mail: "ada@example.com", qty: 2 } });
    const test = await c.deps(ctx("test")).forOutput(msg);
    expect((test.body as { mail: string }).mail).toMatch(/^tk1_/);
    expect(keys.tokenizer.detokenize((test.body as { mail: string }).mail)).toBe("ada@example.com");
    expect((test.body as { qty: number }).qty).toBe(2);
    expect(await c.deps(ctx("prod")).forOutput(msg)).toBe(msg);
  });

  it("compiles once per generation and again after a change", async () => {
    const { s, calls } = store();
    const c = new MaskingCompiler(s, log);
    const deps = c.deps(ctx("test"));
    for (let i = 0; i < 5; i++) await deps.forOutput(createMessage({ body: { mail: "a@b.co" } }));
    expect(calls.flow).toBe(1);
    c.invalidate();
    await deps.forOutput(createMessage({ body: { mail: "a@b.co" } }));
    expect(calls.flow).toBe(2);
  });

  it("answers without a promise once an environment is known, and loads again after a change", async () => {
    const c = new MaskingCompiler(store().s, log);
    const msg = createMessage({ body: { mail: "ada@example.com" } });
    const prod = c.deps(ctx("prod"));
    expect(prod.forOutput(msg)).toBeInstanceOf(Promise);
    await prod.forOutput(msg);
    // Production after the first load: the same message, synchronously (no await per message).
    expect(prod.forOutput(msg)).toBe(msg);
    const test = c.deps(ctx("test"));
    await test.forOutput(msg);
    const out = test.forOutput(msg);
    expect(out).not.toBeInstanceOf(Promise);
    expect(((out as typeof msg).body as { mail: string }).mail).toMatch(/^tk1_/);
    c.invalidate();
    expect(prod.forOutput(msg)).toBeInstanceOf(Promise);
  });

  it("returns the same message when no policy is deployed, and redacts when there is no key", async () => {
    const none = new MaskingCompiler(store({ policies: async () => [] }).s, log);
    const msg = createMessage({ body: { mail: "ada@example.com" } });
    expect(await none.deps(ctx("test")).forOutput(msg)).toBe(msg);
    const keyless = new MaskingCompiler(store({ keys: async () => null }).s, log);
    expect((await keyless.deps(ctx("test")).forOutput(msg)).body).toEqual({ mail: "[redacted]" });
  });

  it("masks JSON text bodies and leaves other text alone", async () => {
    const c = new MaskingCompiler(store({ keys: async () => null }).s, log);
    const out = await c.deps(ctx("test")).forOutput(createMessage({ body: JSON.stringify({ mail: "x@y.io" }) }));
    expect(JSON.parse(out.body as string)).toEqual({ mail: "[redacted]" });
    const text = createMessage({ body: "not json" });
    expect(await c.deps(ctx("test")).forOutput(text)).toBe(text);
  });
});
