import "server-only";

// The portfolio's risk heatmap: how healthy the production flows of each initiative are (the signals'
// health score) against how critical the systems it connects are to the business (the inventory's
// criticality), each cell holding the estimated annual savings at stake there. The worrying corner is
// mission-critical × at risk; initiatives not in production yet have their own column.

export const CRITICALITIES = ["mission_critical", "high", "medium", "low"] as const;
export type TCriticality = (typeof CRITICALITIES)[number];

const ROW_LABELS: Record<TCriticality | "none", string> = {
  mission_critical: "Mission critical",
  high: "High",
  medium: "Medium",
  low: "Low",
  none: "No systems linked",
};

export const HEALTH_BANDS = [
  { key: "at_risk", label: "At risk (< 50)", min: 0 },
  { key: "watch", label: "Watch (50–79)", min: 50 },
  { key: "healthy", label: "Healthy (≥ 80)", min: 80 },
] as const;
const NOT_LIVE = "Not live yet";

export type THealthBand = (typeof HEALTH_BANDS)[number]["key"] | "not_live";

export function healthBand(score: number | null): THealthBand {
  if (score === null) return "not_live";
  return [...HEALTH_BANDS].reverse().find((b) => score >= b.min)!.key;
}

/** The highest criticality among the systems, or null when there are none. */
export function worstCriticality(levels: readonly TCriticality[]): TCriticality | null {
  return CRITICALITIES.find((c) => levels.includes(c)) ?? null;
}

export type THeatmapInput = {
  name: string;
  criticality: TCriticality | null;
  /** The signals' health score (0–100) of its production flows; null when it is not in production. */
  health: number | null;
  valueAtStake: number;
};

export type TRiskHeatmap = {
  rows: string[];
  columns: string[];
  /** Σ estimated annual savings per cell; null for an empty cell. */
  values: (number | null)[][];
  /** The initiatives in each non-empty cell, for the list under the grid and the exports. */
  cells: { row: string; column: string; names: string[]; value: number }[];
};

export function computeRiskHeatmap(items: THeatmapInput[]): TRiskHeatmap {
  const rowKeys: (TCriticality | "none")[] = [...CRITICALITIES];
  if (items.some((i) => i.criticality === null)) rowKeys.push("none");
  const columnKeys: THealthBand[] = [...HEALTH_BANDS.map((b) => b.key), "not_live"];
  const columns = [...HEALTH_BANDS.map((b) => b.label), NOT_LIVE];
  const values: (number | null)[][] = rowKeys.map(() => columnKeys.map(() => null));
  const names: string[][][] = rowKeys.map(() => columnKeys.map(() => []));
  for (const item of items) {
    const r = rowKeys.indexOf(item.criticality ?? "none");
    const c = columnKeys.indexOf(healthBand(item.health));
    values[r]![c] = Math.round(((values[r]![c] ?? 0) + item.valueAtStake) * 100) / 100;
    names[r]![c]!.push(item.name);
  }
  const rows = rowKeys.map((k) => ROW_LABELS[k]);
  const cells = rowKeys.flatMap((_, r) =>
    columnKeys.flatMap((_, c) =>
      names[r]![c]!.length
        ? [{ row: rows[r]!, column: columns[c]!, names: [...names[r]![c]!].sort(), value: values[r]![c]! }]
        : [],
    ),
  );
  return { rows, columns, values, cells };
}
