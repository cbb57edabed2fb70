import { describe, expect, it } from "vitest";
import { computeSample, errorBudget, sampleAt, SAMPLES_PER_DAY } from "./math";

const at = new Date("2026-11-30T10:00:00Z");
const counts = {
  lastDeliveryMinute: new Date("2026-11-30T09:58:00Z"),
  ok: 90,
  failed: 2,
  deadLettered: 1,
  filtered: 7,
  validationChecked: 100,
  validationFailed: 5,
};

describe("SLA samples", () => {
  it("aligns samples to the period so a rerun writes the same row", () => {
    expect(sampleAt(new Date("2026-11-30T10:04:59Z")).toISOString()).toBe("2026-11-30T10:00:00.000Z");
    expect(sampleAt(new Date("2026-11-30T10:05:00Z")).toISOString()).toBe("2026-11-30T10:05:00.000Z");
  });

  it("measures freshness from the end of the last delivering minute", () => {
    const s = computeSample({ freshnessMaxAgeMinutes: 1, accuracyTargetPct: null }, counts, at);
    expect(s.freshnessAgeSeconds).toBe(60);
    expect(s.freshnessMet).toBe(true);
    const stale = computeSample({ freshnessMaxAgeMinutes: 0, accuracyTargetPct: null }, counts, at);
    expect(stale.freshnessMet).toBe(false);
    expect(stale.met).toBe(false);
    const never = computeSample(
      { freshnessMaxAgeMinutes: 60, accuracyTargetPct: null },
      { ...counts, lastDeliveryMinute: null },
      at,
    );
    expect(never).toMatchObject({ freshnessAgeSeconds: null, freshnessMet: false, met: false });
  });

  it("counts validation failures and undelivered records against accuracy", () => {
    // 100 received; 5 failed validation (quarantined, inside filtered), 2 failed, 1 dead-lettered.
    const s = computeSample({ freshnessMaxAgeMinutes: null, accuracyTargetPct: 95 }, counts, at);
    expect(s).toMatchObject({ received: 100, delivered: 90, accuracyPct: 92, accuracyMet: false, met: false });
    expect(computeSample({ freshnessMaxAgeMinutes: null, accuracyTargetPct: 92 }, counts, at).met).toBe(true);
  });

  it("has nothing to measure without traffic and no objective", () => {
    const empty = { ...counts, ok: 0, failed: 0, deadLettered: 0, filtered: 0, validationFailed: 0 };
    expect(computeSample({ freshnessMaxAgeMinutes: null, accuracyTargetPct: 99 }, empty, at)).toMatchObject({
      accuracyPct: null,
      accuracyMet: null,
      freshnessMet: null,
      met: true,
    });
  });
});

describe("error budget", () => {
  it("allows (100 - compliance)% of the period's samples to miss", () => {
    const b = errorBudget({ compliancePct: 99, budgetPeriodDays: 30 }, 1000, 0);
    expect(b.allowedMisses).toBe(Math.round(30 * SAMPLES_PER_DAY * 0.01 * 10) / 10);
    expect(b.remainingPct).toBe(100);
    const half = errorBudget({ compliancePct: 99, budgetPeriodDays: 30 }, 1000, b.allowedMisses / 2);
    expect(half.remainingPct).toBe(50);
    expect(half.exhausted).toBe(false);
  });

  it("is exhausted past the allowance and with a 100% target at the first miss", () => {
    expect(errorBudget({ compliancePct: 99, budgetPeriodDays: 1 }, 288, 10)).toMatchObject({
      remainingPct: 0,
      exhausted: true,
      compliancePct: 96.53,
    });
    expect(errorBudget({ compliancePct: 100, budgetPeriodDays: 7 }, 10, 1).exhausted).toBe(true);
    expect(errorBudget({ compliancePct: 100, budgetPeriodDays: 7 }, 10, 0)).toMatchObject({
      remainingPct: 100,
      exhausted: false,
    });
  });
});
