import { describe, expect, it } from "vitest";
import {
  aggregateScores,
  DEFAULT_CRITERIA,
  matrixPoints,
  orientedValue,
  quadrantOf,
  stats,
  type CriterionDef,
  type ScoreEntry,
} from "./scoring";

const criteria: CriterionDef[] = [
  { key: "business_impact", label: "Impact", weight: 3, isInverted: false },
  { key: "integration_complexity", label: "Complexity", weight: 1, isInverted: true },
];

const s = (participantId: string, candidateId: string, criterionKey: string, value: number): ScoreEntry => ({
  participantId,
  candidateId,
  criterionKey,
  value,
});

describe("stats", () => {
  it("computes mean, median, population stdev, min and max", () => {
    expect(stats([1, 5, 3, 3])).toEqual({ n: 4, mean: 3, median: 3, stdev: 1.41, min: 1, max: 5 });
    expect(stats([2, 4])).toMatchObject({ median: 3, stdev: 1 });
    expect(stats([])).toBeNull();
  });
});

describe("aggregateScores", () => {
  it("weights oriented criterion means; inverted criteria count low raw scores as good", () => {
    expect(orientedValue(1, { isInverted: true })).toBe(5);
    const [a] = aggregateScores(["c1"], criteria, [
      s("p1", "c1", "business_impact", 5),
      s("p1", "c1", "integration_complexity", 5),
    ]);
    // (3 × 5 + 1 × (6 − 5)) ÷ 4 = 4
    expect(a.weightedScore).toBe(4);
    expect(a.participants).toBe(1);
  });

  it("aggregates across participants with spread and flags disagreement", () => {
    const scores = [
      s("p1", "c1", "business_impact", 1),
      s("p2", "c1", "business_impact", 5),
      s("p1", "c1", "integration_complexity", 3),
      s("p2", "c1", "integration_complexity", 3),
      s("p1", "c2", "business_impact", 4),
      s("p2", "c2", "business_impact", 4),
    ];
    const [c1, c2] = aggregateScores(["c1", "c2"], criteria, scores);
    const impact = c1.criteria.find((c) => c.criterionKey === "business_impact")!;
    expect(impact).toMatchObject({ mean: 3, median: 3, min: 1, max: 5, stdev: 2, isDisagreement: true });
    expect(c1.criteria.find((c) => c.criterionKey === "integration_complexity")!.isDisagreement).toBe(false);
    expect(c1.isDisagreement).toBe(true);
    expect(c1.participantTotals).toMatchObject({ n: 2, min: 1.5, max: 4.5 });
    expect(c2.isDisagreement).toBe(false);
    expect(c2.weightedScore).toBe(4);
    expect(c2.rank).toBe(1);
    expect(c1.rank).toBe(2);
  });

  it("does not flag a single participant and ignores unknown criteria", () => {
    const [a] = aggregateScores(["c1"], criteria, [s("p1", "c1", "business_impact", 1), s("p1", "c1", "nope", 5)]);
    expect(a.isDisagreement).toBe(false);
    expect(a.criteria).toHaveLength(1);
  });

  it("leaves an unscored candidate unranked", () => {
    const [a] = aggregateScores(["c1"], DEFAULT_CRITERIA, []);
    expect(a).toMatchObject({ weightedScore: null, rank: null, participantTotals: null });
  });

  it("skips zero-weight criteria", () => {
    const zero = [{ ...criteria[0] }, { ...criteria[1], weight: 0 }];
    const [a] = aggregateScores(["c1"], zero, [
      s("p1", "c1", "business_impact", 2),
      s("p1", "c1", "integration_complexity", 1),
    ]);
    expect(a.weightedScore).toBe(2);
  });
});

describe("matrix", () => {
  it("assigns the four quadrants at the scale midpoint", () => {
    expect(quadrantOf(4, 2)).toBe("quick_win");
    expect(quadrantOf(4, 4)).toBe("strategic");
    expect(quadrantOf(2, 2)).toBe("fill_in");
    expect(quadrantOf(2, 4)).toBe("avoid");
  });

  it("positions candidates by raw impact and complexity means", () => {
    const aggs = aggregateScores(["c1", "c2"], DEFAULT_CRITERIA, [
      s("p1", "c1", "business_impact", 5),
      s("p1", "c1", "integration_complexity", 1),
      s("p1", "c1", "regulatory_exposure", 4),
      s("p1", "c2", "business_impact", 5),
    ]);
    const points = matrixPoints(aggs);
    expect(points).toEqual([
      { candidateId: "c1", impact: 5, complexity: 1, regulatoryExposure: 4, quadrant: "quick_win" },
    ]);
  });
});
