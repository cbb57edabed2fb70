import type { TColumnProfile } from "./summary";

// Anomaly detection for profiling runs: a rolling baseline of the last successful runs, and the
// rules that compare a new run with it. Pure, so the engine's job and the tests share it.

export type TAnomalyKind =
  "null_rate_jump" | "new_format" | "new_pattern" | "type_drift" | "out_of_range_growth" | "volume_drop";

/** Fractions (0.1 = ten percentage points for rates; 0.5 = half for the volume). */
export type TAnomalyThresholds = { nullRateJump: number; volumeDrop: number; outOfRangeGrowth: number };

/** What a run contributes: its row count and each column's profile. */
export type TRunSnapshot = { rows: number; columns: TColumnProfile[] };

export type TBaselineColumn = {
  /** Baseline runs the column appeared in. */
  runs: number;
  nullRate: number;
  formats: string[];
  patterns: string[];
  /** A column with many shapes (free text) or shapes past the sketch's cap: new shapes mean nothing. */
  patternsOpen: boolean;
  types: string[];
  outOfRangeRate: number;
};

/** ProfileBaseline.stats: { rows: mean rows, columns: { name: … } }. */
export type TBaselineStats = { runs: number; rows: number; columns: Record<string, TBaselineColumn> };

export type TDetectedAnomaly = {
  kind: TAnomalyKind;
  column: string | null;
  severity: "warning" | "critical";
  message: string;
  details: Record<string, unknown>;
};

/** Fewer baseline runs than this, and nothing is judged: one run says nothing of what is normal. */
export const MIN_BASELINE_RUNS = 2;
/** A column whose baseline has more distinct shapes than this is treated as free text for new_pattern. */
export const MAX_CLOSED_PATTERNS = 20;

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;
const pct = (n: number) => `${round(n * 100, 1)}%`;

const outOfRangeRate = (c: TColumnProfile, rows: number) =>
  rows ? (c.outOfRange.below + c.outOfRange.above) / rows : 0;
const formatsOf = (c: TColumnProfile) =>
  Object.entries(c.formats)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([f]) => f);

/** The baseline over `runs` (the last N successful runs, any order). */
export function computeBaseline(runs: readonly TRunSnapshot[]): TBaselineStats {
  const byName = new Map<string, { run: TRunSnapshot; col: TColumnProfile }[]>();
  for (const run of runs)
    for (const col of run.columns) {
      const list = byName.get(col.name) ?? [];
      list.push({ run, col });
      byName.set(col.name, list);
    }
  const columns: Record<string, TBaselineColumn> = {};
  for (const [name, seen] of byName) {
    const formats = new Set<string>();
    const patterns = new Set<string>();
    const types = new Set<string>();
    let overflow = false;
    for (const { col } of seen) {
      for (const f of formatsOf(col)) formats.add(f);
      for (const p of col.patterns) patterns.add(p.pattern);
      for (const t of col.types) types.add(t.type);
      if (col.patternsOther > 0) overflow = true;
    }
    columns[name] = {
      runs: seen.length,
      nullRate: round(mean(seen.map((s) => s.col.nullRate))),
      formats: [...formats].sort(),
      patterns: [...patterns].sort(),
      patternsOpen: overflow || patterns.size > MAX_CLOSED_PATTERNS,
      types: [...types].sort(),
      outOfRangeRate: round(mean(seen.map((s) => outOfRangeRate(s.col, s.run.rows)))),
    };
  }
  return { runs: runs.length, rows: round(mean(runs.map((r) => r.rows)), 2), columns };
}

/**
 * The run's deviations from the baseline. A column must have been seen in at least two baseline runs
 * to be judged (a column that showed up once has no normal yet), and a new pattern on a column that
 * also has a new format is reported once, as the format.
 */
export function detectAnomalies(
  run: TRunSnapshot,
  baseline: TBaselineStats | null,
  thresholds: TAnomalyThresholds,
): TDetectedAnomaly[] {
  if (!baseline || baseline.runs < MIN_BASELINE_RUNS) return [];
  const out: TDetectedAnomaly[] = [];
  const base = `the baseline of ${baseline.runs} runs`;

  if (baseline.rows > 0 && run.rows < (1 - thresholds.volumeDrop) * baseline.rows) {
    const drop = 1 - run.rows / baseline.rows;
    out.push({
      kind: "volume_drop",
      column: null,
      severity: run.rows === 0 || drop >= Math.min(1, thresholds.volumeDrop * 1.5) ? "critical" : "warning",
      message: `Volume dropped to ${run.rows.toLocaleString("en-US")} rows from a mean of ${Math.round(baseline.rows).toLocaleString("en-US")} (${pct(drop)} fewer than ${base}).`,
      details: { rows: run.rows, baselineRows: baseline.rows, drop: round(drop), threshold: thresholds.volumeDrop },
    });
  }

  // A field that vanished from the stream (JSON records without the key) is a null rate of 100%.
  const present = new Set(run.columns.map((c) => c.name));
  if (run.rows > 0)
    for (const [name, b] of Object.entries(baseline.columns))
      if (!present.has(name) && b.runs >= MIN_BASELINE_RUNS && 1 - b.nullRate > thresholds.nullRateJump)
        out.push({
          kind: "null_rate_jump",
          column: name,
          severity: "critical",
          message: `${name} is missing from every record (null rate 100%, ${pct(b.nullRate)} in ${base}).`,
          details: { nullRate: 1, baselineNullRate: b.nullRate, threshold: thresholds.nullRateJump, missing: true },
        });

  for (const col of run.columns) {
    const b = baseline.columns[col.name];
    if (!b || b.runs < MIN_BASELINE_RUNS) continue;

    const jump = col.nullRate - b.nullRate;
    if (jump > thresholds.nullRateJump)
      out.push({
        kind: "null_rate_jump",
        column: col.name,
        severity: col.nullRate >= 1 || jump > 2 * thresholds.nullRateJump ? "critical" : "warning",
        message: `Null rate of ${col.name} rose to ${pct(col.nullRate)} from ${pct(b.nullRate)} in ${base}.`,
        details: { nullRate: col.nullRate, baselineNullRate: b.nullRate, threshold: thresholds.nullRateJump },
      });

    const newFormats = formatsOf(col).filter((f) => !b.formats.includes(f));
    if (newFormats.length)
      out.push({
        kind: "new_format",
        column: col.name,
        severity: "warning",
        message: `${col.name} has values in a new format: ${newFormats.join(", ")} (${base} had ${b.formats.join(", ") || "none"}).`,
        details: {
          formats: newFormats,
          counts: Object.fromEntries(newFormats.map((f) => [f, col.formats[f as keyof typeof col.formats] ?? 0])),
          baselineFormats: b.formats,
        },
      });

    // A number's shape is its digit count: ranges judge numbers, shapes judge codes and text.
    const isNumeric = col.type === "integer" || col.type === "number";
    if (!b.patternsOpen && !newFormats.length && !isNumeric) {
      const fresh = col.patterns.filter((p) => !b.patterns.includes(p.pattern));
      if (fresh.length)
        out.push({
          kind: "new_pattern",
          column: col.name,
          severity: "warning",
          message: `${col.name} has values of a new shape: ${fresh
            .slice(0, 3)
            .map((p) => `"${p.pattern}" (${p.count})`)
            .join(", ")}${fresh.length > 3 ? ` and ${fresh.length - 3} more` : ""}.`,
          details: { patterns: fresh.slice(0, 10), baselinePatterns: b.patterns },
        });
    }

    const newTypes = col.types.filter((t) => !b.types.includes(t.type));
    if (newTypes.length)
      out.push({
        kind: "type_drift",
        column: col.name,
        severity: "critical",
        message: `${col.name} now has ${newTypes
          .map((t) => `${t.type} values (${t.count}, first at row ${t.firstRow})`)
          .join(", ")}; ${base} had only ${b.types.join(", ") || "nulls"}.`,
        details: { types: newTypes, baselineTypes: b.types },
      });

    const rate = outOfRangeRate(col, run.rows);
    if (rate - b.outOfRangeRate > thresholds.outOfRangeGrowth)
      out.push({
        kind: "out_of_range_growth",
        column: col.name,
        severity: rate - b.outOfRangeRate > 2 * thresholds.outOfRangeGrowth ? "critical" : "warning",
        message: `${pct(rate)} of ${col.name} values are out of range, up from ${pct(b.outOfRangeRate)} in ${base}.`,
        details: {
          outOfRangeRate: round(rate),
          baselineOutOfRangeRate: b.outOfRangeRate,
          below: col.outOfRange.below,
          above: col.outOfRange.above,
          threshold: thresholds.outOfRangeGrowth,
        },
      });
  }
  return out;
}
