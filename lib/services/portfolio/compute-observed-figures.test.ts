import { describe, expect, it } from "vitest";
import { computeObservedFigures } from "./compute-observed-figures";

describe("computeObservedFigures", () => {
  it("scales the window to a 30-day month and the error rate to percent", () => {
    // 700 messages in 28 days = 750 per 30 days; 21 of them failed or dead-lettered = 3 %
    expect(computeObservedFigures({ finished: 700, errorRate: 21 / 700, days: 28 })).toMatchObject({
      volumePerMonth: 750,
      errorRatePct: 3,
    });
  });
  it("rounds the error rate to two decimals", () => {
    expect(computeObservedFigures({ finished: 3, errorRate: 1 / 3, days: 30 })?.errorRatePct).toBe(33.33);
  });
  it("offers nothing without a full day of traffic", () => {
    expect(computeObservedFigures({ finished: 10, errorRate: 0, days: 0 })).toBeNull();
    expect(computeObservedFigures({ finished: 0, errorRate: null, days: 30 })).toBeNull();
  });
});
