"use server";

import { revalidatePath } from "next/cache";
import { assertPermission, requireSession } from "@/lib/session";
import { AppError, type ActionResult } from "@/lib/errors";
import { actionError } from "@/lib/http/action-error";
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
    return actionError(error);
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
    return actionError(error);
  }
}

/** Moves a candidate between draft and proposed (and reopens an approved one). Approval has its own action. */
export async function setCandidateStatusAction(raw: {
  candidateId: string;
  status: string;
}): Promise<ActionResult<{ status: string }>> {
  try {
    const user = await requireSession();
    const input = ZCandidateStatusInput.parse(raw);
    await assertPermission(user, "candidate:edit", input.candidateId);
    if (input.status === "approved")
      throw new AppError(
        "VALIDATION",
        "Approving is a separate step: use Approve, which needs the approval permission.",
      );
    const result = await setCandidateStatus(user, input);
    revalidatePath("/candidates");
    revalidatePath(`/candidates/${input.candidateId}`);
    return { ok: true, data: { status: result.status } };
  } catch (error) {
    return actionError(error);
  }
}

/** Approves a proposed candidate; the service refuses while a governance breach lacks a review. */
export async function approveCandidateAction(raw: { candidateId: string }): Promise<ActionResult<{ status: string }>> {
  try {
    const user = await requireSession();
    const input = ZCandidateStatusInput.parse({ ...raw, status: "approved" });
    await assertPermission(user, "candidate:approve", input.candidateId);
    const result = await setCandidateStatus(user, input);
    revalidatePath("/candidates");
    revalidatePath(`/candidates/${input.candidateId}`);
    return { ok: true, data: { status: result.status } };
  } catch (error) {
    return actionError(error);
  }
}
