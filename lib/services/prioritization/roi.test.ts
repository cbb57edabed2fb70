import { describe, expect, it } from "vitest";
import { computeRoi, deriveInputsFromProcesses, presentValueOfAnnuity, type RoiInputs } from "./roi";

const base: RoiInputs = {
  volumePerMonth: 1000,
  manualMinutesPerTxn: 12,
  minutesPerTxnAfter: 2,
  errorRate: 0.05,
  errorRateAfter: 0.01,
  costPerError: 40,
  loadedCostPerHour: 60,
  buildCost: 100_000,
  runCostPerYear: 20_000,
  discountRate: 0.1,
  years: 3,
};

describe("computeRoi", () => {
  it("computes hours, savings, error reduction and net benefit", () => {
    const r = computeRoi(base);
    // 12,000 txn × 10 min ÷ 60 = 2,000 h
    expect(r.annualHoursSaved.value).toBe(2000);
    expect(r.laborSavings.value).toBe(120_000);
    // 12,000 × 0.04 × 40 = 19,200
    expect(r.errorCostReduction.value).toBe(19_200);
    expect(r.annualBenefit.value).toBe(139_200);
    expect(r.annualNetBenefit.value).toBe(119_200);
    expect(r.firstYearNet.value).toBe(19_200);
  });

  it("computes payback in months and NPV at the discount rate", () => {
    const r = computeRoi(base);
    expect(r.paybackMonths.value).toBeCloseTo((100_000 / 119_200) * 12, 1);
    const expected = 119_200 / 1.1 + 119_200 / 1.1 ** 2 + 119_200 / 1.1 ** 3 - 100_000;
    expect(r.npv.value).toBeCloseTo(expected, 2);
    expect(r.npv.value).toBeCloseTo(196_432.76, 1);
    expect(r.npv.steps).toHaveLength(4);
    expect(r.npv.label).toContain("3 years at 10 %");
  });

  it("uses the configured discount rate: zero rate means plain sum", () => {
    const r = computeRoi({ ...base, discountRate: 0, years: 5 });
    expect(r.npv.value).toBe(119_200 * 5 - 100_000);
  });

  it("reports no payback when net benefit is not positive", () => {
    const r = computeRoi({ ...base, runCostPerYear: 500_000 });
    expect(r.paybackMonths.value).toBeNull();
    expect(r.paybackMonths.steps[0]).toMatch(/never paid back/);
    expect(r.npv.value).toBeLessThan(-100_000);
  });

  it("computes throughput before and after per hour", () => {
    const r = computeRoi(base);
    expect(r.throughputBefore.value).toBe(5);
    expect(r.throughputAfter.value).toBe(30);
    expect(r.throughputImprovement.value).toBe(500);
  });

  it("never counts negative savings when the after-state is slower or more error-prone", () => {
    const r = computeRoi({ ...base, minutesPerTxnAfter: 20, errorRateAfter: 0.1 });
    expect(r.annualHoursSaved.value).toBe(0);
    expect(r.errorCostReduction.value).toBe(0);
  });

  it("explains every figure with a formula and substituted steps", () => {
    const r = computeRoi(base);
    for (const f of Object.values(r)) {
      expect(f.formula.length).toBeGreaterThan(5);
      expect(f.steps.length).toBeGreaterThan(0);
    }
    expect(r.annualHoursSaved.steps.join("\n")).toContain("12,000 × 10 ÷ 60 = 2,000 hours");
  });
});

describe("presentValueOfAnnuity", () => {
  it("discounts each year-end amount", () => {
    expect(presentValueOfAnnuity(100, 0.1, 2)).toBeCloseTo(100 / 1.1 + 100 / 1.21, 6);
    expect(presentValueOfAnnuity(100, 0.1, 0)).toBe(0);
  });
});

describe("deriveInputsFromProcesses", () => {
  it("sums volumes and volume-weights minutes and error rates", () => {
    const d = deriveInputsFromProcesses([
      { name: "A", volumePerMonth: 300, manualMinutesPerTxn: 10, errorRate: 0.1 },
      { name: "B", volumePerMonth: 100, manualMinutesPerTxn: 2, errorRate: 0.02 },
    ]);
    expect(d).not.toBeNull();
    expect(d!.volumePerMonth).toBe(400);
    expect(d!.manualMinutesPerTxn).toBe(8);
    expect(d!.errorRate).toBe(0.08);
    expect(d!.steps[0]).toContain("A 300 + B 100 = 400");
  });

  it("returns null without processes and averages evenly when volumes are zero", () => {
    expect(deriveInputsFromProcesses([])).toBeNull();
    const d = deriveInputsFromProcesses([
      { name: "A", volumePerMonth: 0, manualMinutesPerTxn: 10, errorRate: 0 },
      { name: "B", volumePerMonth: 0, manualMinutesPerTxn: 20, errorRate: 0 },
    ]);
    expect(d!.manualMinutesPerTxn).toBe(15);
  });
});
