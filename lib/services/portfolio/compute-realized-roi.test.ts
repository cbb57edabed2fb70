import { describe, expect, it } from "vitest";
import {
  computePortfolioTotals,
  computeRealizedRoi,
  fullDayWindow,
  type TRealizedInputs,
} from "./compute-realized-roi";

const base: TRealizedInputs = {
  messagesToDate: 1_200,
  windowMessages: 600,
  windowDays: 30,
  manualMinutesPerTxn: 12,
  minutesPerTxnAfter: 2,
  loadedCostPerHour: 60,
  buildCost: 40_000,
  estimatedAnnualSavings: 60_000,
};

describe("computeRealizedRoi", () => {
  it("prices each message at the minutes it saves", () => {
    const r = computeRealizedRoi(base);
    expect(r.minutesSavedPerMessage).toBe(10);
    // 1,200 × 10 ÷ 60 × 60 = 12,000
    expect(r.realizedToDate.value).toBe(12_000);
    expect(r.realizedToDate.steps.at(-1)).toBe("1,200 × 10 ÷ 60 × 60 = $12,000");
    // 600 ÷ 30 × 365 × 10 ÷ 60 × 60 = 73,000
    expect(r.runRate.value).toBe(73_000);
    expect(r.paybackProgress.value).toBe(30);
    // 73,000 ÷ 60,000
    expect(r.realization.value).toBe(121.7);
  });

  it("keeps payback progress uncapped once the build cost is earned back", () => {
    expect(computeRealizedRoi({ ...base, messagesToDate: 10_000 }).paybackProgress.value).toBe(250);
  });

  it("saves nothing when the minutes after are not below the manual minutes", () => {
    const r = computeRealizedRoi({ ...base, minutesPerTxnAfter: 15 });
    expect(r.minutesSavedPerMessage).toBe(0);
    expect(r.realizedToDate.value).toBe(0);
  });

  it("has no run-rate before a full day in production, and no payback without a build cost", () => {
    const r = computeRealizedRoi({ ...base, windowDays: 0, windowMessages: 0, buildCost: 0 });
    expect(r.runRate.value).toBeNull();
    expect(r.realization.value).toBeNull();
    expect(r.paybackProgress.value).toBeNull();
    expect(r.runRate.steps[0]).toMatch(/full day/);
  });
});

describe("fullDayWindow", () => {
  const now = new Date("2026-06-15T10:30:00Z");
  it("is the last 30 full UTC days when the go-live is older", () => {
    const w = fullDayWindow(new Date("2026-01-01T12:00:00Z"), now);
    expect(w).toEqual({ from: new Date("2026-05-16T00:00:00Z"), to: new Date("2026-06-15T00:00:00Z"), days: 30 });
  });
  it("starts the day after a recent go-live (that day is partial)", () => {
    const w = fullDayWindow(new Date("2026-06-10T09:00:00Z"), now);
    expect(w.from).toEqual(new Date("2026-06-11T00:00:00Z"));
    expect(w.days).toBe(4);
  });
  it("is empty on the go-live day", () => {
    expect(fullDayWindow(new Date("2026-06-15T08:00:00Z"), now).days).toBe(0);
  });
});

describe("computePortfolioTotals", () => {
  const row = (isLive: boolean, estimate: number, toDate: number, runRate: number | null, buildCost: number) => ({
    isLive,
    buildCost,
    estimatedAnnualSavings: estimate,
    realized: {
      realizedToDate: { key: "", label: "", unit: "currency" as const, formula: "", steps: [], value: toDate },
      runRate: { key: "", label: "", unit: "currency" as const, formula: "", steps: [], value: runRate },
    },
  });

  it("compares realized money with the build cost and estimate of the live initiatives only", () => {
    const t = computePortfolioTotals([
      row(true, 50_000, 10_000, 40_000, 80_000),
      row(false, 100_000, 0, null, 200_000),
    ]);
    expect(t.initiatives).toBe(2);
    expect(t.live).toBe(1);
    expect(t.estimatedAnnualSavings.value).toBe(150_000);
    expect(t.realizedToDate.value).toBe(10_000);
    expect(t.runRate.value).toBe(40_000);
    expect(t.paybackProgress.value).toBe(12.5);
    expect(t.realization.value).toBe(80);
  });

  it("has no run-rate, payback or realization with nothing in production", () => {
    const t = computePortfolioTotals([row(false, 100_000, 0, null, 200_000)]);
    expect([t.runRate.value, t.paybackProgress.value, t.realization.value]).toEqual([null, null, null]);
  });
});
