"use server";

import { revalidatePath } from "next/cache";
import { assertPermission, requireSession } from "@/lib/session";
import type { ActionResult } from "@/lib/errors";
import { actionError } from "@/lib/http/action-error";
import {
  createGovernanceRule,
  recordArchitectureReview,
  saveProcessDecision,
  updateGovernanceRule,
} from "@/lib/services/prioritization/governance-records";
import { formDataToObject } from "@/lib/utils/form-data";
import {
  ZArchitectureReviewInput,
  ZGovernanceRuleInput,
  ZProcessDecisionInput,
  ZUpdateGovernanceRuleInput,
} from "@/lib/validation/prioritization";

function done(): ActionResult<null> {
  revalidatePath("/governance");
  revalidatePath("/candidates", "layout");
  return { ok: true, data: null };
}

export async function saveRuleAction(_prev: unknown, formData: FormData): Promise<ActionResult<null>> {
  try {
    const user = await requireSession();
    const raw = formDataToObject(formData);
    await assertPermission(user, "governance:manage");
    if (raw.ruleId) await updateGovernanceRule(user, ZUpdateGovernanceRuleInput.parse(raw));
    else await createGovernanceRule(user, ZGovernanceRuleInput.parse(raw));
    return done();
  } catch (error) {
    return actionError(error);
  }
}

export async function saveDecisionAction(_prev: unknown, formData: FormData): Promise<ActionResult<null>> {
  try {
    const user = await requireSession();
    const input = ZProcessDecisionInput.parse(formDataToObject(formData));
    await assertPermission(user, "governance:manage", input.processId);
    await saveProcessDecision(user, input);
    return done();
  } catch (error) {
    return actionError(error);
  }
}

export async function recordReviewAction(_prev: unknown, formData: FormData): Promise<ActionResult<null>> {
  try {
    const user = await requireSession();
    const input = ZArchitectureReviewInput.parse(formDataToObject(formData));
    await assertPermission(user, "governance:review", input.processId);
    await recordArchitectureReview(user, input);
    return done();
  } catch (error) {
    return actionError(error);
  }
}
