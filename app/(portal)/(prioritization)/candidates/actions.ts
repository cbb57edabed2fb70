"use server";

import { revalidatePath } from "next/cache";
import { action, formAction } from "@/lib/http/action-client";
import { createCandidate, setCandidateStatus, updateCandidate } from "@/lib/services/prioritization/candidates";
import {
  ZCandidateIdInput,
  ZCandidateInput,
  ZSetCandidateStatusInput,
  ZUpdateCandidateInput,
} from "@/lib/validation/prioritization";

export const createCandidateAction = formAction(
  { permission: "candidate:edit", input: ZCandidateInput },
  async ({ input, actor }) => {
    const created = await createCandidate(actor, input);
    revalidatePath("/candidates");
    return created;
  },
);

export const updateCandidateAction = formAction(
  { permission: "candidate:edit", input: ZUpdateCandidateInput },
  async ({ input, actor }) => {
    const updated = await updateCandidate(actor, input);
    revalidatePath("/candidates");
    revalidatePath(`/candidates/${updated.id}`);
    return updated;
  },
);

/** Moves a candidate between draft and proposed (and reopens an approved one). Approval has its own action. */
export const setCandidateStatusAction = action(
  { permission: "candidate:edit", input: ZSetCandidateStatusInput },
  async ({ input, actor }) => {
    const result = await setCandidateStatus(actor, input);
    revalidatePath("/candidates");
    revalidatePath(`/candidates/${input.candidateId}`);
    return { status: result.status };
  },
);

/** Approves a proposed candidate; the service refuses while a governance breach lacks a review. */
export const approveCandidateAction = action(
  { permission: "candidate:approve", input: ZCandidateIdInput },
  async ({ input, actor }) => {
    const result = await setCandidateStatus(actor, { candidateId: input.candidateId, status: "approved" });
    revalidatePath("/candidates");
    revalidatePath(`/candidates/${input.candidateId}`);
    return { status: result.status };
  },
);
