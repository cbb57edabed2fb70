import { describe, expect, it } from "vitest";
import { computeRiskHeatmap, healthBand, worstCriticality } from "./compute-risk-heatmap";

describe("computeRiskHeatmap", () => {
  it("adds each initiative's value at stake into its criticality × health cell", () => {
    const h = computeRiskHeatmap([
      { name: "B", criticality: "mission_critical", health: 42, valueAtStake: 1000 },
      { name: "A", criticality: "mission_critical", health: 10, valueAtStake: 500.5 },
      { name: "C", criticality: "low", health: 95, valueAtStake: 200 },
      { name: "D", criticality: "high", health: null, valueAtStake: 300 },
    ]);
    expect(h.rows).toEqual(["Mission critical", "High", "Medium", "Low"]);
    expect(h.columns).toEqual(["At risk (< 50)", "Watch (50–79)", "Healthy (≥ 80)", "Not live yet"]);
    expect(h.values).toEqual([
      [1500.5, null, null, null],
      [null, null, null, 300],
      [null, null, null, null],
      [null, null, 200, null],
    ]);
    expect(h.cells[0]).toEqual({ row: "Mission critical", column: "At risk (< 50)", names: ["A", "B"], value: 1500.5 });
  });

  it("adds a row for initiatives without linked systems only when there are some", () => {
    const h = computeRiskHeatmap([{ name: "X", criticality: null, health: 60, valueAtStake: 1 }]);
    expect(h.rows.at(-1)).toBe("No systems linked");
    expect(h.values.at(-1)).toEqual([null, 1, null, null]);
  });
});

describe("bands", () => {
  it("puts the band edges where the labels say", () => {
    expect([0, 49, 50, 79, 80, 100, null].map(healthBand)).toEqual([
      "at_risk",
      "at_risk",
      "watch",
      "watch",
      "healthy",
      "healthy",
      "not_live",
    ]);
  });
  it("takes the most critical system", () => {
    expect(worstCriticality(["low", "high", "medium"])).toBe("high");
    expect(worstCriticality([])).toBeNull();
  });
});
