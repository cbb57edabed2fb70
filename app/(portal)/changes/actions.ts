"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, formAction } from "@/lib/http/action-client";
import {
  cancelChange,
  closeChange,
  createChangeModel,
  createChangeWindow,
  decideChange,
  deleteChangeModel,
  deleteChangeWindow,
  previewWindow,
  updateChangeModel,
  updateChangeWindow,
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
  ZChangeModelInput,
  ZChangeWindowInput,
  ZUpdateChangeModel,
  ZUpdateChangeWindow,
  ZDecideChange,
  ZOpenChange,
  ZPostImplementationReview,
  ZPreviewWindow,
  ZRecordId,
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

/** The policy form sends weights as weights.<factor> fields; the schema takes them as one object. */
const nestWeights = (raw: unknown) => {
  if (!raw || typeof raw !== "object") return raw;
  const out: Record<string, unknown> = {};
  const weights: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k.startsWith("weights.")) weights[k.slice("weights.".length)] = v;
    else out[k] = v;
  }
  if (Object.keys(weights).length) out.weights = weights;
  return out;
};

export const updateRiskPolicyAction = formAction(
  { permission: "change:manage", input: z.preprocess(nestWeights, ZRiskPolicyInput) },
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

const SETTINGS = "/changes/settings";

export const createChangeModelAction = formAction(
  { permission: "change:manage", input: ZChangeModelInput },
  async ({ input, actor }) => {
    const m = await createChangeModel(actor, input);
    revalidatePath(SETTINGS);
    return { id: m.id, name: m.name };
  },
);

export const updateChangeModelAction = action(
  { permission: "change:manage", input: ZUpdateChangeModel },
  async ({ input, actor }) => {
    const m = await updateChangeModel(actor, input);
    revalidatePath(SETTINGS);
    return { id: m.id, isActive: m.isActive };
  },
);

export const deleteChangeModelAction = action(
  { permission: "change:manage", input: ZRecordId },
  async ({ input, actor }) => {
    const r = await deleteChangeModel(actor, input);
    revalidatePath(SETTINGS);
    return r;
  },
);

export const createChangeWindowAction = formAction(
  { permission: "change:manage", input: ZChangeWindowInput },
  async ({ input, actor }) => {
    const w = await createChangeWindow(actor, input);
    revalidatePath(SETTINGS);
    revalidatePath("/changes/calendar");
    return { id: w.id, name: w.name };
  },
);

export const updateChangeWindowAction = action(
  { permission: "change:manage", input: ZUpdateChangeWindow },
  async ({ input, actor }) => {
    const w = await updateChangeWindow(actor, input);
    revalidatePath(SETTINGS);
    revalidatePath("/changes/calendar");
    return { id: w.id, isActive: w.isActive };
  },
);

export const deleteChangeWindowAction = action(
  { permission: "change:manage", input: ZRecordId },
  async ({ input, actor }) => {
    await deleteChangeWindow(actor, input);
    revalidatePath(SETTINGS);
    revalidatePath("/changes/calendar");
    return null;
  },
);

/** The next occurrences of a rule as typed, for the window form's helper; writes nothing. */
export const previewWindowAction = action({ permission: "change:manage", input: ZPreviewWindow }, async ({ input }) => {
  const from = new Date();
  const to = new Date(from.getTime() + 400 * 86_400_000);
  const r = previewWindow(input.rrule, input.durationMinutes, from, to);
  return {
    error: r.error,
    occurrences: r.occurrences.slice(0, 5).map((o) => ({ start: o.start.toISOString(), end: o.end.toISOString() })),
  };
});

/** The settings form's edit of a window (the same fields as creating one). */
export const editChangeWindowAction = formAction(
  { permission: "change:manage", input: ZUpdateChangeWindow },
  async ({ input, actor }) => {
    const w = await updateChangeWindow(actor, input);
    revalidatePath(SETTINGS);
    revalidatePath("/changes/calendar");
    return { id: w.id, name: w.name };
  },
);
