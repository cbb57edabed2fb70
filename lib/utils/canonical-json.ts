/** JSON with object keys sorted at every depth, so equal values always hash the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value));
}

/** Dates become ISO strings and undefined fields drop, as they would after a JSON round trip. */
export function normalize(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : normalize(v)));
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = normalize(v);
    }
    return out;
  }
  return value;
}
