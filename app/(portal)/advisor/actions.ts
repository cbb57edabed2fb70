"use server";

import { revalidatePath } from "next/cache";
import { action, formAction } from "@/lib/http/action-client";
import { previewAdvice, recordDecision } from "@/lib/services/advisor";
import { ZAdvisorForm, ZRecordDecisionForm } from "@/lib/validation/advisor";

/** Live preview while the form is filled in; records nothing. */
export const previewAdviceAction = action(
  { permission: "advisor:read", input: ZAdvisorForm },
  async ({ input, actor }) => previewAdvice(actor, input),
);

export const recordDecisionAction = formAction(
  { permission: "advisor:decide", input: ZRecordDecisionForm },
  async ({ input, actor }) => {
    const decision = await recordDecision(actor, input);
    revalidatePath("/advisor");
    return { id: decision.id };
  },
);
