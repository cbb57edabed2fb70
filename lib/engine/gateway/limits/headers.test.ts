import { describe, expect, it } from "vitest";
import { limitHeaders } from "./headers";

describe("limitHeaders (draft-ietf-httpapi-ratelimit-headers)", () => {
  it("lists each policy's quota and window, and its remaining and reset, in the same order", () => {
    expect(
      limitHeaders({
        allowed: true,
        retryAfterSeconds: 0,
        policies: [
          { name: "minute", limit: 1000, windowSeconds: 60, remaining: 998, resetSeconds: 42 },
          { name: "day", limit: 50_000, windowSeconds: 86_400, remaining: 49_000, resetSeconds: 3600 },
        ],
      }),
    ).toEqual({
      "RateLimit-Policy": `"minute";q=1000;w=60, "day";q=50000;w=86400`,
      RateLimit: `"minute";r=998;t=42, "day";r=49000;t=3600`,
    });
  });

  it("adds Retry-After (whole seconds, at least 1) on a refusal", () => {
    const h = limitHeaders({
      allowed: false,
      retryAfterSeconds: 0,
      refusedBy: "burst",
      policies: [{ name: "burst", limit: 5, windowSeconds: 1, remaining: 0, resetSeconds: 1 }],
    });
    expect(h).toEqual({
      "RateLimit-Policy": `"burst";q=5;w=1`,
      RateLimit: `"burst";r=0;t=1`,
      "Retry-After": "1",
    });
  });

  it("a plan without limits gets no fields; policy names are sf-strings", () => {
    expect(limitHeaders({ allowed: true, retryAfterSeconds: 0, policies: [] })).toEqual({});
    const h = limitHeaders({
      allowed: true,
      retryAfterSeconds: 0,
      policies: [{ name: 'a"b\\c', limit: 1, windowSeconds: 1, remaining: 1, resetSeconds: 0 }],
    });
    expect(h["RateLimit-Policy"]).toBe(`"a\\"b\\\\c";q=1;w=1`);
  });
});
