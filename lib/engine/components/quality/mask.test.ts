import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createMessage } from "@/lib/engine/core/message";
import { hashSaltFor } from "@/lib/quality/privacy/policy";
import { Tokenizer } from "@/lib/quality/privacy/tokenize";
import { createRegistry } from "../index";
import { configTable } from "../shared/config-table";

const signal = new AbortController().signal;

describe("mask", () => {
  configTable("processor", "mask", [
    ["redact", { fields: [{ path: "a.b", method: "redact" }] }, "ok"],
    ["partial", { fields: [{ path: "lines[].card", method: "partial", keepLast: 4 }] }, "ok"],
    ["no fields", { fields: [] }, "at least one field"],
    ["bad path", { fields: [{ path: "a..b", method: "redact" }] }, "field path"],
    ["bad method", { fields: [{ path: "a", method: "encrypt" }] }, "method"],
    ["unknown option", { fields: [{ path: "a", method: "redact", other: 1 }] }, "other"],
  ]);

  it("masks the named fields and keeps the rest", async () => {
    const p = createRegistry().build("processor", "mask", {
      fields: [
        { path: "customer.name", method: "redact" },
        { path: "lines[].card", method: "partial", keepLast: 4 },
      ],
    });
    const [out] = await p.process(
      createMessage({ body: { customer: { name: "Ada", id: 7 }, lines: [{ card: "4111 1111 1111 1111" }] } }),
      signal,
    );
    expect(out.body).toEqual({ customer: { name: "[redacted]", id: 7 }, lines: [{ card: "**** **** **** 1111" }] });
  });

  it("tokenizes with the engine's keys and fails the message without them", async () => {
    const material = randomBytes(32);
    const tokenizer = new Tokenizer({ version: 2, material });
    const masking = {
      forOutput: async (m: never) => m,
      maskKeys: async () => ({ tokenizer, salt: hashSaltFor(material) }),
    };
    const config = { fields: [{ path: "email", method: "tokenize" }] };
    const p = createRegistry().build("processor", "mask", config, { masking });
    const [out] = await p.process(createMessage({ body: { email: "ada@example.com" } }), signal);
    const token = (out.body as { email: string }).email;
    expect(tokenizer.detokenize(token)).toBe("ada@example.com");
    const bare = createRegistry().build("processor", "mask", config);
    await expect(bare.process(createMessage({ body: { email: "ada@example.com" } }), signal)).rejects.toThrow(
      /tokenization key/,
    );
  });
});
