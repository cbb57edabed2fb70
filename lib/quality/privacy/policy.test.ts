import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { applyMasks, compileMasks, hashSaltFor, maskingContentHash, ZMaskingPolicyDocument } from "./policy";
import { partialMask, saltedHash } from "./mask-values";
import { Tokenizer } from "./tokenize";

const material = randomBytes(32);
const keys = { tokenizer: new Tokenizer({ version: 1, material }), salt: hashSaltFor(material) };

const policy = ZMaskingPolicyDocument.parse({
  key: "default",
  rules: [
    { match: { path: "note" }, method: "redact" },
    { match: { tag: "PCI" }, method: "partial", keepLast: 4 },
    { match: { tag: "PII" }, method: "tokenize" },
    { match: { level: "confidential" }, method: "hash", hashLength: 16 },
  ],
});

describe("masking values", () => {
  it("partial masks keep separators and the asked-for ends", () => {
    expect(partialMask("4111-1111-1111-1234", { keepLast: 4 })).toBe("****-****-****-1234");
    expect(partialMask("Ada Lovelace", { keepFirst: 1 })).toBe("A** ********");
    expect(partialMask("1234", { keepLast: 4 })).toBe("**34");
  });
  it("salted hashes need the salt and are not a plain sha256", () => {
    const salt = randomBytes(32);
    expect(saltedHash("ada@example.com", salt)).toBe(saltedHash("ada@example.com", salt));
    expect(saltedHash("ada@example.com", salt)).not.toBe(saltedHash("ada@example.com", randomBytes(32)));
    expect(() => saltedHash("x", Buffer.alloc(4))).toThrow(/16 bytes/);
  });
});

describe("masking policies", () => {
  const fields = [
    { path: "customer.email", level: "confidential" as const, tags: ["PII" as const] },
    { path: "lines[].card", level: "restricted" as const, tags: ["PCI" as const] },
    { path: "customer.segment", level: "confidential" as const, tags: [] },
    { path: "customer.country", level: "internal" as const, tags: [] },
  ];
  const masks = compileMasks([policy], "orders", fields);

  it("picks the first rule matching each classified field, plus path rules", () => {
    expect(Object.fromEntries(masks.map((m) => [m.path, m.mask.method]))).toEqual({
      "customer.email": "tokenize",
      "lines[].card": "partial",
      "customer.segment": "hash",
      note: "redact",
    });
  });

  it("masks a body without touching the input or unclassified fields", () => {
    const body = {
      customer: { email: "ada@example.com", segment: "gold", country: "DE" },
      lines: [{ card: "4111 1111 1111 1111", qty: 1 }, { card: null }],
      note: "call her",
    };
    const copy = structuredClone(body);
    const out = applyMasks(body, masks, keys) as typeof body;
    expect(body).toEqual(copy);
    expect(out.customer.email).toMatch(/^tk1_[a-z]{3}@[a-z]{7}\.[a-z]{3}$/);
    expect(keys.tokenizer.detokenize(out.customer.email)).toBe("ada@example.com");
    expect(out.customer.segment).toMatch(/^[0-9a-f]{16}$/);
    expect(out.customer.country).toBe("DE");
    expect(out.lines).toEqual([{ card: "**** **** **** 1111", qty: 1 }, { card: null }]);
    expect(out.note).toBe("[redacted]");
  });

  it("applies only to the flows it names, and hashes equal documents equal", () => {
    const scoped = { ...policy, flows: ["billing"] };
    expect(compileMasks([scoped], "orders", fields)).toEqual([]);
    expect(maskingContentHash(policy)).toBe(maskingContentHash(ZMaskingPolicyDocument.parse({ ...policy })));
    expect(maskingContentHash(scoped)).not.toBe(maskingContentHash(policy));
  });

  it("rejects rules that match nothing and bad paths", () => {
    expect(ZMaskingPolicyDocument.safeParse({ key: "x", rules: [{ match: {}, method: "redact" }] }).success).toBe(
      false,
    );
    expect(
      ZMaskingPolicyDocument.safeParse({ key: "x", rules: [{ match: { path: "a..b" }, method: "redact" }] }).success,
    ).toBe(false);
  });
});
