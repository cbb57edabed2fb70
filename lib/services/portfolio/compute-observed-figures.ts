import "server-only";
import { formatCount, formatNumber } from "./format";

export type TObservedTraffic = {
  /** Messages that reached an outcome (ok + failed + dead-lettered) over the window. */
  finished: number;
  /** (failed + dead-lettered) ÷ finished, from the signals' errorRateOf; null without traffic. */
  errorRate: number | null;
  days: number;
};

export type TObservedFigures = {
  volumePerMonth: number;
  /** 0–100, like BusinessProcess.errorRatePct. */
  errorRatePct: number;
  steps: string[];
};

const DAYS_PER_MONTH = 30;

/**
 * A process's figures as its production traffic shows them, in the inventory's units: a whole number of
 * transactions per 30-day month and an error rate in percent (two decimals). Null when there is no full
 * day of traffic to go on.
 */
export function computeObservedFigures(t: TObservedTraffic): TObservedFigures | null {
  if (t.days <= 0 || t.finished <= 0 || t.errorRate === null) return null;
  const volumePerMonth = Math.round((t.finished / t.days) * DAYS_PER_MONTH);
  const errorRatePct = Math.round(t.errorRate * 100 * 100) / 100;
  return {
    volumePerMonth,
    errorRatePct,
    steps: [
      `volume = ${formatCount(t.finished)} messages ÷ ${t.days} days × ${DAYS_PER_MONTH} = ${formatCount(volumePerMonth)} per month`,
      `error rate = (failed + dead-lettered) ÷ messages = ${formatNumber(errorRatePct)} %`,
    ],
  };
}
