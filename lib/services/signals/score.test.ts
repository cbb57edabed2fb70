import { describe, expect, it } from "vitest";
import { healthScore, trendOf } from "./score";
import type { TSignal } from "./types";

const sig = (score: number, weight: number, value: number | null = 1): TSignal => ({
  key: `k${score}${weight}`,
  label: "",
  value,
  unit: "",
  score,
  weight,
  detail: "",
  trend: null,
});

describe("healthScore", () => {
  it("is the weighted mean of measured signals", () => {
    expect(healthScore([sig(100, 3), sig(40, 1)])).toBe(85);
    expect(healthScore([sig(50, 1), sig(0, 1, null)])).toBe(50);
  });
  it("is 100 when nothing was measured", () => {
    expect(healthScore([sig(0, 1, null)])).toBe(100);
    expect(healthScore([])).toBe(100);
  });
});

describe("trendOf", () => {
  it("reads higher as worse, within a tolerance", () => {
    expect(trendOf(10, 5)).toBe("worsening");
    expect(trendOf(5, 10)).toBe("improving");
    expect(trendOf(10.5, 10)).toBe("steady");
    expect(trendOf(0.004, 0, 0.1, 0.005)).toBe("steady");
    expect(trendOf(null, 1)).toBeNull();
  });
});
