"use server";

import { revalidatePath } from "next/cache";
import { assertPermission, requireSession } from "@/lib/auth";
import { toActionResult, type ActionResult } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { createCandidate, setCandidateStatus, updateCandidate } from "@/lib/services/prioritization/candidates";
import { formDataToObject } from "@/lib/utils/form-data";
import { ZCandidateInput, ZCandidateStatusInput, ZUpdateCandidateInput } from "@/lib/validation/prioritization";

export async function createCandidateAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: string }>> {
  try {
    const user = await requireSession();
    const input = ZCandidateInput.parse(formDataToObject(formData));
    await assertPermission(user, "candidate:edit");
    const created = await createCandidate(user, input);
    revalidatePath("/candidates");
    return { ok: true, data: created };
  } catch (error) {
    return toActionResult(error, logger());
  }
}

export async function updateCandidateAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: string }>> {
  try {
    const user = await requireSession();
    const input = ZUpdateCandidateInput.parse(formDataToObject(formData));
    await assertPermission(user, "candidate:edit", input.candidateId);
    const updated = await updateCandidate(user, input);
    revalidatePath("/candidates");
    revalidatePath(`/candidates/${updated.id}`);
    return { ok: true, data: updated };
  } catch (error) {
    return toActionResult(error, logger());
  }
}

export async function setCandidateStatusAction(raw: { candidateId: string; status: string }): Promise<ActionResult<{ status: string }>> {
  try {
    const user = await requireSession();
    const input = ZCandidateStatusInput.parse(raw);
    await assertPermission(user, input.status === "approved" ? "candidate:approve" : "candidate:edit", input.candidateId);
    const result = await setCandidateStatus(user, input);
    revalidatePath("/candidates");
    revalidatePath(`/candidates/${input.candidateId}`);
    return { ok: true, data: { status: result.status } };
  } catch (error) {
    return toActionResult(error, logger());
  }
}
