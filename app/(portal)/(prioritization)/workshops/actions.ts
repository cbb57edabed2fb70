"use server";

import { revalidatePath } from "next/cache";
import { action, formAction } from "@/lib/http/action-client";
import { saveCriterion } from "@/lib/services/prioritization/criteria";
import { createWorkshop, lockWorkshop, submitScores } from "@/lib/services/prioritization/workshops";
import {
  ZCreateWorkshopInput,
  ZCriterionInput,
  ZSessionIdInput,
  ZSubmitScoresForm,
} from "@/lib/validation/prioritization";

export const createWorkshopAction = formAction(
  { permission: "workshop:facilitate", input: ZCreateWorkshopInput },
  async ({ input, actor }) => {
    const created = await createWorkshop(actor, input);
    revalidatePath("/workshops");
    return created;
  },
);

export const submitScoresAction = formAction(
  { permission: "workshop:score", input: ZSubmitScoresForm },
  async ({ input, actor }) => {
    const result = await submitScores(actor, input);
    revalidatePath(`/workshops/${input.sessionId}`);
    return { ...result, at: new Date().toISOString() };
  },
);

export const lockWorkshopAction = action(
  { permission: "workshop:facilitate", input: ZSessionIdInput },
  async ({ input, actor }) => {
    const snapshot = await lockWorkshop(actor, input);
    revalidatePath("/workshops");
    revalidatePath(`/workshops/${input.sessionId}`);
    revalidatePath("/matrix");
    revalidatePath("/matrix/waves");
    return { lockedAt: snapshot.lockedAt };
  },
);

export const saveCriterionAction = formAction(
  { permission: "workshop:facilitate", input: ZCriterionInput },
  async ({ input, actor }) => {
    const saved = await saveCriterion(actor, input);
    revalidatePath("/workshops/criteria");
    return { key: saved.key };
  },
);
