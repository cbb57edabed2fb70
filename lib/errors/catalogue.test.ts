import { describe, expect, it } from "vitest";
import { ERROR_CATALOGUE, ERROR_CODES, ERROR_SURFACES, errorCatalogueDocument, errorSlug, isRetryable } from ".";

describe("error catalogue", () => {
  it.each(ERROR_CODES)("%s has a concrete remedy, distinct from its retry guidance, and a surface", (code) => {
    const entry = ERROR_CATALOGUE[code];
    expect(entry.remedy.trim().length).toBeGreaterThan(40);
    expect(entry.remedy).not.toBe(entry.retryGuidance);
    expect(entry.surfaces.length).toBeGreaterThan(0);
    for (const s of entry.surfaces) expect(ERROR_SURFACES).toContain(s);
  });

  it("no two codes share a documentation slug", () => {
    expect(new Set(ERROR_CODES.map(errorSlug)).size).toBe(ERROR_CODES.length);
  });

  it("the JSON document lists every code once, with its type, retryability and remedy", () => {
    const doc = errorCatalogueDocument("https://sb.example.com");
    expect(doc.errors.map((e) => e.code)).toEqual(ERROR_CODES);
    for (const e of doc.errors) {
      const entry = ERROR_CATALOGUE[e.code];
      expect(e).toEqual({
        code: e.code,
        type: `https://sb.example.com/errors/${errorSlug(e.code)}`,
        status: entry.status,
        title: entry.title,
        description: entry.description,
        retryable: isRetryable(entry.retry),
        retry: entry.retry,
        retryGuidance: entry.retryGuidance,
        remedy: entry.remedy,
        surfaces: entry.surfaces,
      });
    }
    expect(errorCatalogueDocument().errors[0].type).toBe(`/errors/${errorSlug(ERROR_CODES[0])}`);
  });

  it("only Retry-After and backoff codes are retryable unchanged", () => {
    expect(doc("RATE_LIMITED").retryable).toBe(true);
    expect(doc("GATEWAY_TIMEOUT").retryable).toBe(true);
    expect(doc("API_KEY_INVALID").retryable).toBe(false);
    expect(doc("REQUEST_INVALID").retryable).toBe(false);
  });
});

function doc(code: (typeof ERROR_CODES)[number]) {
  return errorCatalogueDocument().errors.find((e) => e.code === code)!;
}
