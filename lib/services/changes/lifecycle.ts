import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { can } from "@/lib/auth/permissions";
import { transaction, type Prisma } from "@/lib/db";
import type { ChangeStatus } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import {
  windowIssue,
  ZCancelChange,
  ZPostImplementationReview,
  ZChangeId,
  ZRescheduleChange,
} from "@/lib/validation/changes";
import { appendAudit } from "../audit";
import { detectConflicts, type TConflict } from "./conflicts";
import { chg, itemsImpact, lockChange, type TLockedChange } from "./load";

type TStatusResult = { status: ChangeStatus };

function assertRequesterOrManager(actor: Actor, change: TLockedChange, what: string) {
  if (change.requestedById && change.requestedById === actor.id) return;
  if (can(actor.role, "change:manage")) return;
  throw new AppError("FORBIDDEN", `Only the requester or a CAB manager can ${what} ${chg(change)}.`);
}

export async function cancelChange(actor: Actor, raw: unknown): Promise<TStatusResult> {
  assertCan(actor, "change:read");
  const input = ZCancelChange.parse(raw);
  return transaction(async (tx) => {
    const change = await lockChange(tx, input.changeId);
    assertRequesterOrManager(actor, change, "cancel");
    if (!["draft", "submitted", "approved"].includes(change.status))
      throw new AppError(
        "CONFLICT",
        `${chg(change)} is ${change.status}; only a change not yet implemented can be cancelled.`,
      );
    await tx.changeRequest.update({ where: { id: change.id }, data: { status: "cancelled", closedAt: new Date() } });
    await appendAudit(tx, {
      actor,
      action: "change.cancel",
      entityType: "ChangeRequest",
      entityId: change.id,
      before: { status: change.status },
      after: { status: "cancelled", reason: input.reason },
    });
    return { status: "cancelled" as const };
  });
}

/**
 * A new window: conflicts are found again. Votes on a submitted change stay; an approved normal or
 * emergency change goes back to submitted and its approvals are withdrawn, since the CAB approved the
 * old window. A standard change stays approved (its model pre-approves it at any time).
 */
export async function rescheduleChange(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<TStatusResult & { conflicts: TConflict[] }> {
  assertCan(actor, "change:read");
  const input = ZRescheduleChange.parse(raw);
  return transaction(async (tx) => {
    const change = await lockChange(tx, input.changeId);
    assertRequesterOrManager(actor, change, "reschedule");
    if (!["submitted", "approved"].includes(change.status))
      throw new AppError(
        "CONFLICT",
        `${chg(change)} is ${change.status}; only a change not yet implemented can be rescheduled.`,
      );
    const issue = windowIssue(input.windowStart, input.windowEnd);
    if (issue) throw new AppError("VALIDATION", issue, { fieldErrors: { windowEnd: [issue] } });
    if (input.windowEnd <= now)
      throw new AppError("VALIDATION", "The window has already ended; choose a window in the future.", {
        fieldErrors: { windowEnd: ["Choose an end in the future."] },
      });
    const impact = await itemsImpact(tx, change.items);
    const conflicts = await detectConflicts(tx, {
      environmentId: change.environmentId,
      windowStart: input.windowStart,
      windowEnd: input.windowEnd,
      items: change.items,
      systems: impact.systems,
      excludeChangeId: change.id,
    });
    const isReopened = change.status === "approved" && change.type !== "standard";
    if (isReopened) await tx.changeApproval.deleteMany({ where: { changeRequestId: change.id, decision: "approve" } });
    const status: ChangeStatus = isReopened ? "submitted" : change.status;
    await tx.changeRequest.update({
      where: { id: change.id },
      data: {
        windowStart: input.windowStart,
        windowEnd: input.windowEnd,
        conflicts: conflicts as unknown as Prisma.InputJsonValue,
        status,
        decidedAt: isReopened ? null : change.decidedAt,
        remindersSent: isReopened ? 0 : change.remindersSent,
      },
    });
    await appendAudit(tx, {
      actor,
      action: "change.reschedule",
      entityType: "ChangeRequest",
      entityId: change.id,
      before: {
        windowStart: change.windowStart.toISOString(),
        windowEnd: change.windowEnd.toISOString(),
        status: change.status,
      },
      after: {
        windowStart: input.windowStart.toISOString(),
        windowEnd: input.windowEnd.toISOString(),
        status,
        conflicts: conflicts.length,
        approvalsWithdrawn: isReopened,
      },
    });
    return { status, conflicts };
  });
}

export async function recordPostImplementationReview(actor: Actor, raw: unknown): Promise<{ pirAt: Date }> {
  if (!can(actor.role, "change:manage")) assertCan(actor, "change:implement");
  const input = ZPostImplementationReview.parse(raw);
  return transaction(async (tx) => {
    const change = await lockChange(tx, input.changeId);
    if (!["implemented", "rolled_back"].includes(change.status))
      throw new AppError("CONFLICT", `${chg(change)} is ${change.status}; review a change after it was implemented.`);
    const pirAt = new Date();
    await tx.changeRequest.update({
      where: { id: change.id },
      data: { pirSummary: input.summary, pirById: actor.id, pirAt },
    });
    await appendAudit(tx, {
      actor,
      action: "change.pir",
      entityType: "ChangeRequest",
      entityId: change.id,
      after: { summary: input.summary },
    });
    return { pirAt };
  });
}

/** Closes an implemented or rolled-back change; an emergency one needs its approvals and its review first. */
export async function closeChange(actor: Actor, raw: unknown): Promise<TStatusResult> {
  if (!can(actor.role, "change:manage")) assertCan(actor, "change:implement");
  const { changeId } = ZChangeId.parse(raw);
  return transaction(async (tx) => {
    const change = await lockChange(tx, changeId);
    const name = chg(change);
    if (!["implemented", "rolled_back"].includes(change.status))
      throw new AppError(
        "CONFLICT",
        `${name} is ${change.status}; only an implemented or rolled-back change can be closed.`,
      );
    if (change.type === "emergency" && !change.decidedAt)
      throw new AppError("PRECONDITION_FAILED", `${name} is an emergency change still awaiting its CAB approvals.`);
    if (change.pirRequired && !change.pirAt)
      throw new AppError("PRECONDITION_FAILED", `${name} needs its post-implementation review before it can close.`);
    await tx.changeRequest.update({ where: { id: change.id }, data: { status: "closed", closedAt: new Date() } });
    await appendAudit(tx, {
      actor,
      action: "change.close",
      entityType: "ChangeRequest",
      entityId: change.id,
      before: { status: change.status },
      after: { status: "closed" },
    });
    return { status: "closed" as const };
  });
}
