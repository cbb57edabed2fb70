import { describe, expect, it } from "vitest";
import { evaluateGovernance, type GovernanceRuleDef, type ProcessDecisionFacts } from "./governance";

const rules: GovernanceRuleDef[] = [
  { id: "r1", name: "High customization", metric: "customization_score", operator: ">=", threshold: 4, isActive: true },
  { id: "r2", name: "Many deviations", metric: "deviation_count", operator: ">", threshold: 3, isActive: true },
  { id: "r3", name: "Off", metric: "deviation_count", operator: ">", threshold: 0, isActive: false },
];
const decision = (over: Partial<ProcessDecisionFacts>): ProcessDecisionFacts => ({
  processId: "p1",
  processName: "Order to cash",
  decision: "customize",
  customizationScore: 2,
  deviationCount: 1,
  decidedAt: new Date("2026-01-10"),
  ...over,
});

describe("evaluateGovernance", () => {
  it("flags customization ≥ 4 and deviations > N, ignoring inactive rules", () => {
    expect(evaluateGovernance(rules, [decision({ customizationScore: 3, deviationCount: 3 })], [])).toEqual([]);
    const b = evaluateGovernance(rules, [decision({ customizationScore: 4, deviationCount: 4 })], []);
    expect(b.map((x) => x.ruleId)).toEqual(["r1", "r2"]);
    expect(b[0].message).toContain("architecture review is required");
    expect(b.every((x) => !x.isResolved)).toBe(true);
  });

  it("is resolved only by an approved review at or after the decision", () => {
    const d = [decision({ customizationScore: 5 })];
    const before = { processId: "p1", outcome: "approved" as const, reviewedAt: new Date("2026-01-01") };
    const after = { processId: "p1", outcome: "approved" as const, reviewedAt: new Date("2026-01-11") };
    const rejected = { processId: "p1", outcome: "rejected" as const, reviewedAt: new Date("2026-01-12") };
    expect(evaluateGovernance(rules, d, [before])[0].isResolved).toBe(false);
    expect(evaluateGovernance(rules, d, [before, after])[0].isResolved).toBe(true);
    expect(evaluateGovernance(rules, d, [after, rejected])[0].isResolved).toBe(false);
  });
});
