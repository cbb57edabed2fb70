"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/http/action-client";
import {
  createGovernanceRule,
  recordArchitectureReview,
  saveProcessDecision,
  updateGovernanceRule,
} from "@/lib/services/prioritization/governance-records";
import {
  ZArchitectureReviewInput,
  ZProcessDecisionInput,
  ZSaveGovernanceRuleInput,
} from "@/lib/validation/prioritization";

// Rules, decisions and reviews all feed the approval check on every candidate.
function revalidateGovernance(): null {
  revalidatePath("/governance");
  revalidatePath("/candidates", "layout");
  return null;
}

export const saveRuleAction = formAction(
  { permission: "governance:manage", input: ZSaveGovernanceRuleInput },
  async ({ input, actor }) => {
    if (input.ruleId) await updateGovernanceRule(actor, input);
    else await createGovernanceRule(actor, input);
    return revalidateGovernance();
  },
);

export const saveDecisionAction = formAction(
  { permission: "governance:manage", input: ZProcessDecisionInput },
  async ({ input, actor }) => {
    await saveProcessDecision(actor, input);
    return revalidateGovernance();
  },
);

export const recordReviewAction = formAction(
  { permission: "governance:review", input: ZArchitectureReviewInput },
  async ({ input, actor }) => {
    await recordArchitectureReview(actor, input);
    return revalidateGovernance();
  },
);
