"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/http/action-client";
import { closeActionItem, reopenActionItem } from "@/lib/services/health/set-action-item-status";
import { ZActionItemId, ZCompleteAssessment } from "@/lib/validation/health";
import { completeAssessment } from "@/lib/services/health";

const refresh = (assessmentId: string) => {
  revalidatePath("/catalog/health", "layout");
  revalidatePath("/");
  revalidatePath(`/catalog/health/${assessmentId}`);
};

/** The questionnaire with its action items, as one object (the form keeps the items in state). */
export const completeAssessmentAction = action(
  { permission: "health:assess", input: ZCompleteAssessment },
  async ({ input, actor }) => {
    const done = await completeAssessment(actor, input);
    refresh(done.id);
    return done;
  },
);

// The service decides who may close or reopen an item (its owner, the assignee, a catalog editor).
export const closeActionItemAction = action(
  { permission: "catalog:read", input: ZActionItemId },
  async ({ input, actor }) => {
    const item = await closeActionItem(actor, input);
    refresh(item.assessmentId);
    return item;
  },
);

export const reopenActionItemAction = action(
  { permission: "catalog:read", input: ZActionItemId },
  async ({ input, actor }) => {
    const item = await reopenActionItem(actor, input);
    refresh(item.assessmentId);
    return item;
  },
);
