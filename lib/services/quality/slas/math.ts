// The SLA arithmetic, pure: one sample from rollup counts, and the error budget over a period.

export const SLA_PERIOD_MINUTES = 5;
export const SAMPLES_PER_DAY = (24 * 60) / SLA_PERIOD_MINUTES;
const MINUTE = 60_000;

export type TSlaObjectives = {
  freshnessMaxAgeMinutes: number | null;
  accuracyTargetPct: number | null;
};

/** What the rollups say about one window of an interface's flows. */
export type TWindowCounts = {
  /** Start of the latest minute with a successful delivery, or null when none in the lookback. */
  lastDeliveryMinute: Date | null;
  ok: number;
  failed: number;
  deadLettered: number;
  filtered: number;
  validationChecked: number;
  validationFailed: number;
};

export type TSampleValues = {
  freshnessAgeSeconds: number | null;
  freshnessMet: boolean | null;
  received: number;
  delivered: number;
  filtered: number;
  validationChecked: number;
  validationFailed: number;
  accuracyPct: number | null;
  accuracyMet: boolean | null;
  met: boolean;
};

/** The end of the window a run at `now` samples: the last period boundary, so reruns write the same row. */
export function sampleAt(now: Date): Date {
  const p = SLA_PERIOD_MINUTES * MINUTE;
  return new Date(Math.floor(now.getTime() / p) * p);
}

/**
 * One sample. Freshness: the age at `at` of the last successful delivery (its minute's end, so a
 * delivery within the minute counts as fresh). Accuracy: records that arrived and neither failed
 * validation (those were quarantined, counted as filtered by the rollups) nor went undelivered
 * (failed or dead-lettered: reconciliation of received against delivered), over those that arrived.
 */
export function computeSample(o: TSlaObjectives, c: TWindowCounts, at: Date): TSampleValues {
  const age =
    c.lastDeliveryMinute === null
      ? null
      : Math.max(0, Math.round((at.getTime() - (c.lastDeliveryMinute.getTime() + MINUTE)) / 1000));
  const freshnessMet = o.freshnessMaxAgeMinutes === null ? null : age !== null && age <= o.freshnessMaxAgeMinutes * 60;
  const received = c.ok + c.failed + c.deadLettered + c.filtered;
  const bad = Math.min(received, c.validationFailed + c.failed + c.deadLettered);
  const accuracyPct = received ? Math.round(((received - bad) / received) * 10_000) / 100 : null;
  const accuracyMet = o.accuracyTargetPct === null || accuracyPct === null ? null : accuracyPct >= o.accuracyTargetPct;
  return {
    freshnessAgeSeconds: age,
    freshnessMet,
    received,
    delivered: c.ok,
    filtered: c.filtered,
    validationChecked: c.validationChecked,
    validationFailed: c.validationFailed,
    accuracyPct,
    accuracyMet,
    met: freshnessMet !== false && accuracyMet !== false,
  };
}

export type TErrorBudget = {
  /** Samples the period may miss: (100 - compliancePct)% of the period's samples. */
  allowedMisses: number;
  misses: number;
  samples: number;
  /** Share of the budget left, 0–100 (negative budgets are shown as 0 and flagged exhausted). */
  remainingPct: number;
  exhausted: boolean;
  compliancePct: number | null;
};

export function errorBudget(
  sla: { compliancePct: number; budgetPeriodDays: number },
  samples: number,
  misses: number,
): TErrorBudget {
  const allowedMisses = (sla.budgetPeriodDays * SAMPLES_PER_DAY * (100 - sla.compliancePct)) / 100;
  const remaining = allowedMisses > 0 ? (allowedMisses - misses) / allowedMisses : misses ? -1 : 1;
  return {
    allowedMisses: Math.round(allowedMisses * 10) / 10,
    misses,
    samples,
    remainingPct: Math.max(0, Math.round(remaining * 1000) / 10),
    exhausted: misses > 0 && remaining <= 0,
    compliancePct: samples ? Math.round(((samples - misses) / samples) * 10_000) / 100 : null,
  };
}
