"use server";

import { revalidatePath } from "next/cache";
import { action, formAction } from "@/lib/http/action-client";
import {
  cancelChange,
  closeChange,
  decideChange,
  implementChange,
  openChangeRequest,
  recordPostImplementationReview,
  rescheduleChange,
  updateRiskPolicy,
} from "@/lib/services/changes";
import { executeRestorationStep, skipRestorationStep } from "@/lib/services/changes/restoration";
import { rollbackEnvironment } from "@/lib/services/changes/rollback";
import { ZRestorationStepInput, ZRollbackInput } from "@/lib/validation/rollback";
import {
  ZCancelChange,
  ZChangeId,
  ZDecideChange,
  ZOpenChange,
  ZPostImplementationReview,
  ZRescheduleChange,
  ZRiskPolicyInput,
} from "@/lib/validation/changes";

const refresh = (changeId?: string) => {
  revalidatePath("/changes", "layout");
  if (changeId) revalidatePath(`/changes/${changeId}`);
};

export const openChangeAction = formAction(
  { permission: "change:request", input: ZOpenChange },
  async ({ input, actor }) => {
    const opened = await openChangeRequest(actor, input);
    refresh(opened.id);
    return opened;
  },
);

export const decideChangeAction = formAction(
  { permission: "change:approve", input: ZDecideChange },
  async ({ input, actor }) => {
    const decision = await decideChange(actor, input);
    refresh(input.changeId);
    return { status: decision.status, met: decision.quorum.met, asDataOwner: decision.asDataOwner };
  },
);

export const implementChangeAction = action(
  { permission: "change:implement", input: ZChangeId },
  async ({ input, actor }) => {
    const result = await implementChange(actor, input);
    refresh(input.changeId);
    if (result.deployments.length) revalidatePath("/flows", "layout");
    return { status: result.status, deployments: result.deployments.length };
  },
);

// The service decides who may cancel or reschedule (the requester or a change manager).
export const cancelChangeAction = action(
  { permission: "change:read", input: ZCancelChange },
  async ({ input, actor }) => {
    const result = await cancelChange(actor, input);
    refresh(input.changeId);
    return { status: result.status };
  },
);

export const rescheduleChangeAction = formAction(
  { permission: "change:read", input: ZRescheduleChange },
  async ({ input, actor }) => {
    const result = await rescheduleChange(actor, input);
    refresh(input.changeId);
    return { status: result.status, conflicts: result.conflicts.length };
  },
);

export const recordReviewAction = formAction(
  { permission: "change:read", input: ZPostImplementationReview },
  async ({ input, actor }) => {
    await recordPostImplementationReview(actor, input);
    refresh(input.changeId);
    return { changeId: input.changeId };
  },
);

export const closeChangeAction = action({ permission: "change:read", input: ZChangeId }, async ({ input, actor }) => {
  const result = await closeChange(actor, input);
  refresh(input.changeId);
  return { status: result.status };
});

export const updateRiskPolicyAction = formAction(
  { permission: "change:manage", input: ZRiskPolicyInput },
  async ({ input, actor }) => {
    await updateRiskPolicy(actor, input);
    revalidatePath("/changes/settings");
    return { saved: true };
  },
);

/** Returns a flow in an environment to its last good version, as an emergency change with a restoration plan. */
export const rollbackEnvironmentAction = action(
  { permission: "change:implement", input: ZRollbackInput },
  async ({ input, actor }) => {
    const result = await rollbackEnvironment(actor, input);
    refresh(result.changeId);
    revalidatePath(`/flows/${input.flowId}`);
    return {
      changeId: result.changeId,
      changeNumber: result.changeNumber,
      fromVersion: result.fromVersion,
      toVersion: result.toVersion,
      steps: result.steps,
    };
  },
);

export const executeRestorationStepAction = formAction(
  { permission: "change:implement", input: ZRestorationStepInput },
  async ({ input, actor }) => {
    const result = await executeRestorationStep(actor, input);
    revalidatePath("/changes", "layout");
    return { status: result.step.status, planStatus: result.planStatus };
  },
);

export const skipRestorationStepAction = formAction(
  { permission: "change:implement", input: ZRestorationStepInput },
  async ({ input, actor }) => {
    const result = await skipRestorationStep(actor, input);
    revalidatePath("/changes", "layout");
    return { status: result.step.status, planStatus: result.planStatus };
  },
);
