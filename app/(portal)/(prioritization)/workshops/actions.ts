"use server";

import { revalidatePath } from "next/cache";
import { assertPermission, requireSession } from "@/lib/session";
import type { ActionResult } from "@/lib/errors";
import { actionError } from "@/lib/http/action-error";
import { saveCriterion } from "@/lib/services/prioritization/criteria";
import { createWorkshop, lockWorkshop, submitScores } from "@/lib/services/prioritization/workshops";
import { formDataToObject } from "@/lib/utils/form-data";
import {
  ZCreateWorkshopInput,
  ZCriterionInput,
  ZSessionIdInput,
  ZSubmitScoresInput,
} from "@/lib/validation/prioritization";

export async function createWorkshopAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: string }>> {
  try {
    const user = await requireSession();
    const input = ZCreateWorkshopInput.parse(formDataToObject(formData));
    await assertPermission(user, "workshop:facilitate");
    const created = await createWorkshop(user, input);
    revalidatePath("/workshops");
    return { ok: true, data: created };
  } catch (error) {
    return actionError(error);
  }
}

/** Form fields are `sessionId`, `candidateId` and one `score.<criterionKey>` per criterion. */
export async function submitScoresAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ saved: number; at: string }>> {
  try {
    const user = await requireSession();
    const raw = formDataToObject(formData);
    const scores = Object.fromEntries(
      Object.entries(raw)
        .filter(([k, v]) => k.startsWith("score.") && v !== "")
        .map(([k, v]) => [k.slice(6), v]),
    );
    const input = ZSubmitScoresInput.parse({ sessionId: raw.sessionId, candidateId: raw.candidateId, scores });
    await assertPermission(user, "workshop:score", input.sessionId);
    const result = await submitScores(user, input);
    revalidatePath(`/workshops/${input.sessionId}`);
    return { ok: true, data: { ...result, at: new Date().toISOString() } };
  } catch (error) {
    return actionError(error);
  }
}

export async function lockWorkshopAction(raw: { sessionId: string }): Promise<ActionResult<{ lockedAt: string }>> {
  try {
    const user = await requireSession();
    const input = ZSessionIdInput.parse(raw);
    await assertPermission(user, "workshop:facilitate", input.sessionId);
    const snapshot = await lockWorkshop(user, input);
    revalidatePath("/workshops");
    revalidatePath(`/workshops/${input.sessionId}`);
    revalidatePath("/matrix");
    revalidatePath("/matrix/waves");
    return { ok: true, data: { lockedAt: snapshot.lockedAt } };
  } catch (error) {
    return actionError(error);
  }
}

export async function saveCriterionAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ key: string }>> {
  try {
    const user = await requireSession();
    const input = ZCriterionInput.parse(formDataToObject(formData));
    await assertPermission(user, "workshop:facilitate");
    const saved = await saveCriterion(user, input);
    revalidatePath("/workshops/criteria");
    return { ok: true, data: { key: saved.key } };
  } catch (error) {
    return actionError(error);
  }
}
