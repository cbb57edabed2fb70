"use server";

import { revalidatePath } from "next/cache";
import { assertPermission, requireSession } from "@/lib/session";
import type { ActionResult } from "@/lib/errors";
import { actionError } from "@/lib/http/action-error";
import { previewAdvice, recordDecision, type TAdvice } from "@/lib/services/advisor";
import { formDataToObject } from "@/lib/utils/form-data";
import { ZAdvisorInput, ZRecordDecisionInput } from "@/lib/validation/advisor";

const CHOICES = ["architecture", "pattern", "deploymentModel", "payloadFormat"] as const;

/** Live preview while the form is filled in; records nothing. */
export async function previewAdviceAction(raw: Record<string, unknown>): Promise<ActionResult<TAdvice>> {
  try {
    const user = await requireSession();
    const input = ZAdvisorInput.parse(raw);
    await assertPermission(user, "advisor:read");
    return { ok: true, data: previewAdvice(user, input) };
  } catch (error) {
    return actionError(error);
  }
}

export async function recordDecisionAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: string }>> {
  try {
    const user = await requireSession();
    const form = formDataToObject(formData);
    // "" in an override select means "take the recommendation".
    const overrides = Object.fromEntries(CHOICES.map((k) => [k, form[k] ? form[k] : undefined]));
    const input = ZRecordDecisionInput.parse({
      interfaceId: form.interfaceId,
      title: form.title,
      context: form.context,
      overrideReason: form.overrideReason,
      ...overrides,
      inputs: form,
    });
    await assertPermission(user, "advisor:decide", input.interfaceId);
    const decision = await recordDecision(user, input);
    revalidatePath("/advisor");
    return { ok: true, data: { id: decision.id } };
  } catch (error) {
    return actionError(error);
  }
}
