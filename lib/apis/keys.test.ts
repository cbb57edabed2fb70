import { describe, expect, it } from "vitest";
import { apiKeyEnvironment, apiKeyPrefix, generateApiKey, hashApiKey, sameHash } from "./keys";

describe("API keys", () => {
  it("carries its environment and a shown prefix, and stores only a hash", () => {
    const k = generateApiKey("prod");
    expect(k.secret).toMatch(/^sb_prod_[0-9A-Za-z]{40}$/);
    expect(k.prefix).toBe(k.secret.slice(0, "sb_prod_".length + 8));
    expect(k.hash).toBe(hashApiKey(k.secret));
    expect(k.hash).not.toContain(k.secret.slice(8));
    expect(apiKeyEnvironment(k.secret)).toBe("prod");
  });

  it("gives a fresh key every time", () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey("dev").secret));
    expect(keys.size).toBe(200);
  });

  it("rejects text that is not shaped like a key", () => {
    expect(apiKeyPrefix("Bearer abc")).toBeNull();
    expect(apiKeyEnvironment("sb_prod_short")).toBeNull();
  });

  it("compares hashes in constant time and tells different ones apart", () => {
    const a = hashApiKey("sb_dev_x");
    expect(sameHash(a, hashApiKey("sb_dev_x"))).toBe(true);
    expect(sameHash(a, hashApiKey("sb_dev_y"))).toBe(false);
    expect(sameHash(a, "abcd")).toBe(false);
  });
});
