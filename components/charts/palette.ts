/**
 * One palette for every chart, so a series keeps its colour from page to page. Tailwind 600-level hues:
 * they reach 3:1 contrast on white (WCAG non-text contrast) and stay distinguishable for the common
 * forms of colour blindness when read in this order.
 */
export const SERIES_COLORS = [
  "#4f46e5", // indigo-600 (the accent)
  "#0d9488", // teal-600
  "#d97706", // amber-600
  "#db2777", // pink-600
  "#0284c7", // sky-600
  "#7c3aed", // violet-600
  "#65a30d", // lime-600
  "#475569", // slate-600
] as const;

export const CHART_COLORS = {
  axis: "#64748b", // slate-500
  grid: "#e2e8f0", // slate-200
  text: "#334155", // slate-700
  muted: "#94a3b8", // slate-400
  reference: "#94a3b8",
  quadrant: "#f1f5f9", // slate-100
  positive: "#059669", // emerald-600
  negative: "#e11d48", // rose-600
} as const;

export function seriesColor(index: number): string {
  return SERIES_COLORS[((index % SERIES_COLORS.length) + SERIES_COLORS.length) % SERIES_COLORS.length];
}

/** Sequential indigo scale for heatmaps, light to dark (Tailwind indigo 50–900). */
export const HEAT_SCALE = [
  "#eef2ff",
  "#e0e7ff",
  "#c7d2fe",
  "#a5b4fc",
  "#818cf8",
  "#6366f1",
  "#4f46e5",
  "#4338ca",
  "#3730a3",
  "#312e81",
] as const;

/** Background for `value` on a min–max scale, and a text colour that stays readable on it. */
export function heatColor(value: number, min: number, max: number): { background: string; text: string } {
  const span = max - min;
  const ratio = span > 0 ? Math.min(1, Math.max(0, (value - min) / span)) : 0.5;
  const index = Math.round(ratio * (HEAT_SCALE.length - 1));
  return { background: HEAT_SCALE[index], text: index >= 5 ? "#ffffff" : "#1e293b" };
}
