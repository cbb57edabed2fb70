// Pure presentation helpers for the profiling pages: no React, no server code, so server pages,
// client charts and unit tests share them.
import type { Tone } from "@/components/ui";
import type { TColumnProfile } from "@/lib/quality/profiling/summary";
import type {
  TProfileAnomalyKind,
  TProfileRunRow,
  TProfileRunStatus,
  TProfileTrendPoint,
} from "@/lib/services/quality/profiling/types";

const count = new Intl.NumberFormat("en-US");
const decimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

export const formatCount = (n: number) => count.format(n);

/** A fraction (0..1) as a percentage with at most one decimal; "0%" and "100%" stay whole. */
export function formatRate(rate: number): string {
  if (!Number.isFinite(rate)) return "—";
  const pct = rate * 100;
  if (pct === 0 || pct === 100) return `${pct}%`;
  // A tiny but non-zero rate must not read as 0%.
  if (pct < 0.1) return "<0.1%";
  if (pct > 99.9) return ">99.9%";
  return `${Math.round(pct * 10) / 10}%`;
}

/** Min / max of a column: numbers formatted, strings (dates, text) as they are, long ones cut. */
export function formatExtreme(v: number | string | null): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "number") return decimal.format(v);
  return v.length > 40 ? `${v.slice(0, 39)}…` : v;
}

/** ISO timestamp → "2026-12-03 07:05" (UTC, as the engine writes it); null → "—". */
export function formatWhen(iso: string | null | undefined): string {
  return iso ? `${iso.slice(0, 16).replace("T", " ")}` : "—";
}

/** Seconds between two ISO times as "1 h 4 min", "3 min 10 s" or "12 s". */
export function formatDuration(fromIso: string | null, toIso: string | null): string {
  if (!fromIso || !toIso) return "—";
  const s = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min${s % 60 ? ` ${s % 60} s` : ""}`;
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ""}`;
}

export const RUN_STATUS: Record<TProfileRunStatus, { label: string; tone: Tone }> = {
  queued: { label: "Queued", tone: "info" },
  running: { label: "Running", tone: "info" },
  succeeded: { label: "Succeeded", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
};

export const isActiveRun = (status: TProfileRunStatus | null | undefined) =>
  status === "queued" || status === "running";

export const ANOMALY_KINDS: Record<TProfileAnomalyKind, string> = {
  null_rate_jump: "Null-rate jump",
  new_format: "New format",
  new_pattern: "New pattern",
  type_drift: "Type drift",
  out_of_range_growth: "Out-of-range growth",
  volume_drop: "Volume drop",
};

export const TARGET_KINDS = { stream: "Message stream", sql: "SQL table" } as const;

/**
 * A run's progress for the progress bar: a fraction when the total is known (a table's row estimate,
 * which may be passed: capped at 99% until the run finishes), null while it is not.
 */
export function runProgress(run: Pick<TProfileRunRow, "status" | "rowsDone" | "rowsTotal">): number | null {
  if (run.status === "succeeded") return 1;
  if (!run.rowsTotal || run.rowsTotal <= 0) return null;
  const f = run.rowsDone / run.rowsTotal;
  return run.status === "failed" ? Math.min(1, f) : Math.min(0.99, f);
}

export function describeRunProgress(run: Pick<TProfileRunRow, "status" | "rowsDone" | "rowsTotal">): string {
  if (run.status === "queued") return "Waiting for the engine to pick the run up…";
  const done = `${formatCount(run.rowsDone)} row${run.rowsDone === 1 ? "" : "s"}`;
  if (run.status === "running")
    return run.rowsTotal ? `Profiling: ${done} of about ${formatCount(run.rowsTotal)}…` : `Profiling: ${done} so far…`;
  if (run.status === "failed") return `Failed after ${done}.`;
  return `Profiled ${done}.`;
}

/** A histogram bin's label: "5" for a one-value bin, "0 – 9.5" for a range. */
export function binLabel(bin: { from: number; to: number }): string {
  return bin.from === bin.to ? decimal.format(bin.from) : `${decimal.format(bin.from)} – ${decimal.format(bin.to)}`;
}

export function histogramRows(profile: Pick<TColumnProfile, "histogram">): { bin: string; count: number }[] {
  return profile.histogram.map((b) => ({ bin: binLabel(b), count: b.count }));
}

export type TShareRow = { label: string; count: number; share: number };

/** The format distribution, largest first, with each format's share of the non-null values. */
export function formatRows(profile: Pick<TColumnProfile, "formats">): TShareRow[] {
  const entries = Object.entries(profile.formats).filter((e): e is [string, number] => typeof e[1] === "number");
  const total = entries.reduce((a, [, n]) => a + n, 0);
  return entries
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([label, n]) => ({ label, count: n, share: total ? n / total : 0 }));
}

/** The top shape patterns plus "other" (patterns past the sketch's limit), each with its share. */
export function patternRows(profile: Pick<TColumnProfile, "patterns" | "patternsOther">, top = 10): TShareRow[] {
  const total = profile.patterns.reduce((a, p) => a + p.count, 0) + profile.patternsOther;
  const rows = profile.patterns.slice(0, top).map((p) => ({ label: p.pattern, count: p.count, share: 0 }));
  const rest = profile.patterns.slice(top).reduce((a, p) => a + p.count, 0) + profile.patternsOther;
  if (rest > 0) rows.push({ label: "(other)", count: rest, share: 0 });
  return rows.map((r) => ({ ...r, share: total ? r.count / total : 0 }));
}

export const outOfRangeTotal = (p: Pick<TColumnProfile, "outOfRange">) => p.outOfRange.below + p.outOfRange.above;

/** "2 integer, 1 string (row 17)": which value types a drifting column mixes, and where each began. */
export function describeTypes(p: Pick<TColumnProfile, "types">): string {
  return p.types.map((t) => `${formatCount(t.count)} ${t.type} (from row ${formatCount(t.firstRow)})`).join(", ");
}

/**
 * Trend chart rows. Recharts reads a dotted dataKey as a nested path, and column names are often
 * dotted (customer.email), so each column gets a plain key (c0, c1, …) and its name as the label.
 * Columns are those of the newest point first (what the profile looks like now), then older ones.
 */
export function trendSeries(points: TProfileTrendPoint[], maxColumns = 8) {
  const names: string[] = [];
  for (const p of [...points].reverse())
    for (const name of Object.keys(p.columns)) if (!names.includes(name)) names.push(name);
  const shown = names.slice(0, maxColumns);
  const keys = shown.map((name, i) => ({ key: `c${i}`, label: name }));
  const volume = points.map((p) => ({ at: p.at, rows: p.rows }));
  const nullRates = points.map((p) => {
    const row: Record<string, string | number | null> = { at: p.at };
    shown.forEach((name, i) => {
      const c = p.columns[name];
      row[`c${i}`] = c ? Math.round(c.nullRate * 10000) / 100 : null;
    });
    return row;
  });
  return { keys, volume, nullRates, hiddenColumns: names.length - shown.length };
}
