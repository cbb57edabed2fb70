import { describe, expect, it } from "vitest";
import { DEFAULT_WEIGHTS, parseWeights, riskFactors, riskLevel, scoreRisk, type TRiskInput } from "./risk";

const quiet: TRiskInput = {
  impact: { systems: 0, interfaces: 0, flows: 0 },
  classifications: [],
  health: { finished: 0, failed: 0, pendingDeadLetters: 0 },
  fieldsChanged: 0,
  recentFailures: 0,
};
const t = { mediumFrom: 35, highFrom: 65 };
const factor = (input: TRiskInput, key: string) => riskFactors(input, DEFAULT_WEIGHTS).find((f) => f.key === key)!;

describe("risk score", () => {
  it("scores a change that touches nothing as low, with every factor present and explained", () => {
    const r = scoreRisk(quiet, DEFAULT_WEIGHTS, t);
    expect(r).toMatchObject({ score: 0, level: "low" });
    expect(r.factors.map((f) => f.key)).toEqual([
      "blastRadius",
      "dataClassification",
      "health",
      "diffSize",
      "changeFailures",
    ]);
    expect(r.factors.every((f) => f.detail.length > 0)).toBe(true);
  });

  it("explains the blast radius in words and caps it at 100", () => {
    const f = factor({ ...quiet, impact: { systems: 3, interfaces: 2, flows: 4 } }, "blastRadius");
    expect(f.detail).toBe("3 systems, 2 interfaces, 4 flows depend on it");
    expect(f.score).toBe(3 * 12 + 2 * 8 + 4 * 6);
    expect(factor({ ...quiet, impact: { systems: 1, interfaces: 1, flows: 1 } }, "blastRadius").detail).toBe(
      "1 system, 1 interface, 1 flow depend on it",
    );
    expect(factor({ ...quiet, impact: { systems: 30, interfaces: 0, flows: 0 } }, "blastRadius").score).toBe(100);
  });

  it("takes the highest data classification", () => {
    expect(
      factor({ ...quiet, classifications: ["internal", "personal", "public"] }, "dataClassification"),
    ).toMatchObject({
      score: 80,
      detail: "Carries personal data (3 data domains)",
    });
    expect(factor({ ...quiet, classifications: ["sensitive_personal"] }, "dataClassification").score).toBe(100);
    expect(factor({ ...quiet, classifications: ["public"] }, "dataClassification").score).toBe(0);
  });

  it("reads health from the error rate and pending dead letters", () => {
    const f = factor({ ...quiet, health: { finished: 200, failed: 20, pendingDeadLetters: 3 } }, "health");
    expect(f.score).toBe(20 + 15);
    expect(f.detail).toBe("10.0% errors over 200 messages in 24h, 3 pending dead letters");
    expect(factor({ ...quiet, health: { finished: 10, failed: 10, pendingDeadLetters: 50 } }, "health").score).toBe(
      100,
    );
  });

  it("weights the factors: only the weighted ones count", () => {
    const input = { ...quiet, recentFailures: 3 };
    const onlyFailures = { ...DEFAULT_WEIGHTS, blastRadius: 0, dataClassification: 0, health: 0, diffSize: 0 };
    expect(scoreRisk(input, onlyFailures, t)).toMatchObject({ score: 100, level: "high" });
    expect(scoreRisk(input, DEFAULT_WEIGHTS, t).score).toBe(15);
    const zero = { blastRadius: 0, dataClassification: 0, health: 0, diffSize: 0, changeFailures: 0 };
    expect(scoreRisk(input, zero, t).score).toBe(0);
  });

  it("maps the score to a level at the policy's thresholds", () => {
    expect([34, 35, 64, 65].map((s) => riskLevel(s, t))).toEqual(["low", "medium", "medium", "high"]);
  });

  it("reads stored weights leniently", () => {
    expect(parseWeights({ health: 50, diffSize: -1, bogus: 3 })).toEqual({ ...DEFAULT_WEIGHTS, health: 50 });
    expect(parseWeights(null)).toEqual(DEFAULT_WEIGHTS);
  });
});
