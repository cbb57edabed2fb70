import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction } from "@/lib/db";
import type { ChangeStatus } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { ZChangeId } from "@/lib/validation/changes";
import { appendAudit } from "../audit";
import { configKind } from "../config-kinds";
import { chg, lockChange, utcMinute } from "./load";

export type TImplemented = {
  status: ChangeStatus;
  deployments: { kind: string; itemKey: string; deploymentId: string; previousVersionId: string | null }[];
};

/**
 * Deploys every item of an approved change (an emergency change may deploy before its approvals) within
 * its window. Whoever approved it may not deploy it: separation of duties. The requester may.
 */
export async function implementChange(actor: Actor, raw: unknown, now = new Date()): Promise<TImplemented> {
  assertCan(actor, "change:implement");
  const { changeId } = ZChangeId.parse(raw);
  return transaction(async (tx) => {
    const change = await lockChange(tx, changeId);
    const name = chg(change);
    const isEmergencyFirst = change.type === "emergency" && change.status === "submitted";
    if (change.status !== "approved" && !isEmergencyFirst)
      throw new AppError(
        "PRECONDITION_FAILED",
        change.status === "submitted"
          ? `${name} awaits CAB approval; it can be implemented once approved.`
          : `${name} is ${change.status}; only an approved change can be implemented.`,
      );
    if (now < change.windowStart || now > change.windowEnd)
      throw new AppError(
        "PRECONDITION_FAILED",
        `${name} may be implemented only within its window, ${utcMinute(change.windowStart)} to ${utcMinute(change.windowEnd)}; reschedule it to deploy now.`,
      );
    if (actor.id && change.approvals.some((a) => a.userId === actor.id && a.decision === "approve"))
      throw new AppError(
        "FORBIDDEN",
        `Separation of duties: you approved ${name}, so you cannot implement it; another engineer must deploy it.`,
      );
    const deployments: TImplemented["deployments"] = [];
    for (const item of change.items) {
      const d = await configKind(item.kind).deploy(tx, actor, {
        versionId: item.versionId,
        environmentId: change.environmentId,
        changeRequestId: change.id,
      });
      deployments.push({ kind: item.kind, itemKey: item.itemKey, ...d });
    }
    await tx.changeRequest.update({
      where: { id: change.id },
      data: { status: "implemented", implementedById: actor.id, implementedAt: now },
    });
    await appendAudit(tx, {
      actor,
      action: "change.implement",
      entityType: "ChangeRequest",
      entityId: change.id,
      before: { status: change.status },
      after: { status: "implemented", deployments: deployments.map((d) => d.deploymentId) },
    });
    return { status: "implemented" as const, deployments };
  }, 60_000);
}
