// Formatting shared by the analytics components; UTC and en-US so server and browser print the same.

export const formatCalls = (n: number) => n.toLocaleString("en-US");

export function formatMs(v: number | null): string {
  if (v === null) return "—";
  if (v >= 10_000) return `${(v / 1000).toFixed(0)} s`;
  if (v >= 1000) return `${(v / 1000).toFixed(1)} s`;
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`;
}

export const formatPct = (v: number | null) => (v === null ? "—" : `${v.toFixed(v < 10 ? 2 : 1)}%`);

/** "2026-06-15 09:00 UTC"; "—" for null. */
export const formatUtc = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "—");

/** The version page's path for an item key "orders/v1". */
export const versionHref = (versionKey: string) => `/apis/${versionKey}`;
