import "server-only";
import { db } from "@/lib/db";
import { changeFailureRate, type TChangeFailureRate } from "../signals";

const DAY_MS = 86_400_000;
export const CFR_WINDOW_DAYS = 90;
const MONTHS = 6;

export type TChangeFailureMonth = TChangeFailureRate & {
  /** "2026-07" */
  month: string;
  /** "Jul 2026" */
  label: string;
  /** rate in percent, rounded to one decimal; null in a month without implemented changes. */
  ratePct: number | null;
};

export type TChangeFailureReport = {
  window: TChangeFailureRate & { days: number; ratePct: number | null };
  months: TChangeFailureMonth[];
};

const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/**
 * The CAB's change failure rate (the signals' DORA definition, over every change the CAB implemented):
 * the last 90 days, and per calendar month (UTC) for the last six, the current one up to now.
 */
export async function readChangeFailure(now: Date): Promise<TChangeFailureReport> {
  const window = await changeFailureRate(db(), { from: new Date(now.getTime() - CFR_WINDOW_DAYS * DAY_MS), to: now });
  const months: TChangeFailureMonth[] = [];
  for (let k = MONTHS - 1; k >= 0; k--) {
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - k, 1));
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - k + 1, 1));
    const r = await changeFailureRate(db(), { from, to: next < now ? next : now });
    months.push({
      ...r,
      month: from.toISOString().slice(0, 7),
      label: from.toLocaleString("en-US", { month: "short", year: "numeric", timeZone: "UTC" }),
      ratePct: pct(r.rate),
    });
  }
  return { window: { ...window, days: CFR_WINDOW_DAYS, ratePct: pct(window.rate) }, months };
}
