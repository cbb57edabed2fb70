import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction } from "@/lib/db";
import { ZCancelRetirement } from "@/lib/validation/retirements";
import { appendAudit } from "../audit";
import { assertOpen, lockRetirement, notifyFollowers, setFlowLifecycle } from "./load";

/** Calls the retirement off: no more brownouts, a flow is back in production, those notified hear so. */
export async function cancelRetirement(actor: Actor, raw: unknown, now = new Date()): Promise<{ status: "cancelled" }> {
  assertCan(actor, "catalog:retire");
  const input = ZCancelRetirement.parse(raw);
  return transaction(async (tx) => {
    const r = await lockRetirement(tx, input.retirementId);
    assertOpen(r, "cancel it");
    await tx.retirement.update({ where: { id: r.id }, data: { status: "cancelled", cancelledAt: now } });
    const lifecycleBefore = await setFlowLifecycle(tx, r, "production");
    await notifyFollowers(tx, actor, r, {
      step: "cancelled",
      title: `${r.subjectName} is no longer being retired`,
      body: input.reason,
    });
    await appendAudit(tx, {
      actor,
      action: "retirement.cancel",
      entityType: "Retirement",
      entityId: r.id,
      before: { status: r.status, ...(lifecycleBefore ? { lifecycle: lifecycleBefore } : {}) },
      after: { status: "cancelled", reason: input.reason, ...(lifecycleBefore ? { lifecycle: "production" } : {}) },
    });
    return { status: "cancelled" as const };
  });
}
