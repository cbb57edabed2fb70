import type { TSignal, TSignalTrend } from "./types";

export const clampScore = (n: number) => Math.max(0, Math.min(100, Math.round(n)));

/**
 * The weighted mean of the signals that measured something. With nothing measurable there is nothing
 * to hold against the subject, so it scores 100; the signals' details say why.
 */
export function healthScore(signals: readonly TSignal[]): number {
  const measured = signals.filter((s) => s.value !== null && s.weight > 0);
  const weight = measured.reduce((a, s) => a + s.weight, 0);
  if (!weight) return 100;
  return clampScore(measured.reduce((a, s) => a + s.score * s.weight, 0) / weight);
}

/**
 * Compares a reading with the one a period earlier, where higher is worse (errors, latency, backlog).
 * Changes within `tolerance` (relative, and at least `floor` in absolute terms) are steady.
 */
export function trendOf(
  current: number | null,
  previous: number | null,
  tolerance = 0.1,
  floor = 0,
): TSignalTrend | null {
  if (current === null || previous === null) return null;
  const delta = current - previous;
  if (Math.abs(delta) <= Math.max(Math.abs(previous) * tolerance, floor)) return "steady";
  return delta > 0 ? "worsening" : "improving";
}

export const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
