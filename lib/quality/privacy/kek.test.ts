import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newKeyMaterial, resolveKek, unwrapKey, wrapKey } from "./kek";

describe("key-encryption key", () => {
  it("reads 32 bytes as base64 or hex and refuses other lengths", () => {
    const raw = randomBytes(32);
    expect(resolveKek({ kek: raw.toString("base64"), isProduction: true }).key).toEqual(raw);
    expect(resolveKek({ kek: raw.toString("hex"), isProduction: true }).key).toEqual(raw);
    expect(() => resolveKek({ kek: "c2hvcnQ=", isProduction: false })).toThrow(/32 bytes/);
  });

  it("derives a stable development KEK from AUTH_SECRET, never in production", () => {
    const secret = "x".repeat(40);
    const a = resolveKek({ authSecret: secret, isProduction: false });
    expect(a.isDerived).toBe(true);
    expect(resolveKek({ authSecret: secret, isProduction: false }).key).toEqual(a.key);
    expect(() => resolveKek({ authSecret: secret, isProduction: true })).toThrow(/SWITCHBOARD_TOKEN_KEK is not set/);
  });

  it("wraps key material bound to its version and KEK", () => {
    const kek = resolveKek({ kek: randomBytes(32).toString("base64"), isProduction: true });
    const material = newKeyMaterial();
    const wrapped = wrapKey(material, kek, 2);
    expect(wrapped).not.toContain(material.toString("base64"));
    expect(unwrapKey(wrapped, kek, 2)).toEqual(material);
    expect(() => unwrapKey(wrapped, kek, 3)).toThrow(/does not open/);
    const other = resolveKek({ kek: randomBytes(32).toString("base64"), isProduction: true });
    expect(() => unwrapKey(wrapped, other, 2)).toThrow(/does not open/);
  });
});
