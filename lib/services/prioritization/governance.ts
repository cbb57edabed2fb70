import "server-only";

// Pure governance threshold evaluation: which process decisions breach a rule, and whether an
// approved architecture review recorded after the decision resolves the breach.

export const GOVERNANCE_METRICS = {
  customization_score: "Customization score (1–5)",
  deviation_count: "Deviations from the reference process",
} as const;
export type GovernanceMetric = keyof typeof GOVERNANCE_METRICS;

export const GOVERNANCE_OPERATORS = [">=", ">"] as const;
export type GovernanceOperator = (typeof GOVERNANCE_OPERATORS)[number];

export type GovernanceRuleDef = {
  id: string;
  name: string;
  metric: GovernanceMetric;
  operator: GovernanceOperator;
  threshold: number;
  isActive: boolean;
};

export type ProcessDecisionFacts = {
  processId: string;
  processName: string;
  decision: "standardize" | "customize";
  customizationScore: number;
  deviationCount: number;
  decidedAt: Date;
};

export type ReviewFacts = {
  processId: string;
  outcome: "approved" | "rejected" | "changes_requested";
  reviewedAt: Date;
};

export type Breach = {
  processId: string;
  processName: string;
  ruleId: string;
  ruleName: string;
  actual: number;
  message: string;
  isResolved: boolean;
};

export function breaches(rule: GovernanceRuleDef, actual: number): boolean {
  return rule.operator === ">=" ? actual >= rule.threshold : actual > rule.threshold;
}

/**
 * A breach is resolved only by an approved review recorded at or after the decision it covers:
 * re-deciding a process (e.g. raising customization) needs a fresh review.
 */
export function evaluateGovernance(
  rules: GovernanceRuleDef[],
  decisions: ProcessDecisionFacts[],
  reviews: ReviewFacts[],
): Breach[] {
  const out: Breach[] = [];
  for (const d of decisions) {
    const latestReview = reviews
      .filter((r) => r.processId === d.processId)
      .sort((a, b) => b.reviewedAt.getTime() - a.reviewedAt.getTime())[0];
    const isResolved = Boolean(
      latestReview && latestReview.outcome === "approved" && latestReview.reviewedAt >= d.decidedAt,
    );
    for (const rule of rules) {
      if (!rule.isActive) continue;
      const actual = rule.metric === "customization_score" ? d.customizationScore : d.deviationCount;
      if (!breaches(rule, actual)) continue;
      out.push({
        processId: d.processId,
        processName: d.processName,
        ruleId: rule.id,
        ruleName: rule.name,
        actual,
        message: `${d.processName}: ${GOVERNANCE_METRICS[rule.metric].toLowerCase()} is ${actual} (rule: ${rule.operator} ${rule.threshold}); an architecture review is required.`,
        isResolved,
      });
    }
  }
  return out;
}
