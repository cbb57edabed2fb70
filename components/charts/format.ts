const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const compactFormat = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** Fixed locale, so the server render and the hydrated client agree. */
export function formatNumber(value: unknown): string {
  if (typeof value === "number") return Number.isFinite(value) ? numberFormat.format(value) : "";
  if (value === null || value === undefined) return "";
  return String(value);
}

export function formatCompact(value: unknown): string {
  return typeof value === "number" && Number.isFinite(value) ? compactFormat.format(value) : formatNumber(value);
}

/** Reads a field from a caller's row without requiring an index signature on its type. */
export function field(row: object, key: string): unknown {
  return (row as Record<string, unknown>)[key];
}

export function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** Recharts infers key types from `data`; the wrappers already constrain keys with `keyof T`. */
export function asChartData<T extends object>(data: readonly T[]): Record<string, unknown>[] {
  return data as unknown as Record<string, unknown>[];
}
