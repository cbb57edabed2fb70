import { describe, expect, it } from "vitest";
import { assessmentScore, TECHNICAL_DEBT_PENALTY } from "./score-assessment";

describe("assessmentScore", () => {
  it.each([
    [1, 80, 80],
    [2, 80, 76],
    [3, 80, 72],
    [4, 80, 68],
    [5, 80, 65],
  ])("technical debt %i takes the signals' %i to %i", (technicalDebt, signalScore, score) => {
    expect(assessmentScore(signalScore, { technicalDebt }).score).toBe(score);
  });

  it("never takes more than 15 points and never goes below 0", () => {
    expect(Math.max(...Object.values(TECHNICAL_DEBT_PENALTY))).toBe(15);
    expect(assessmentScore(10, { technicalDebt: 5 })).toEqual({ signalScore: 10, debtPenalty: 15, score: 0 });
  });
});
