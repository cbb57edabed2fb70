import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZRetireInput } from "@/lib/validation/retirements";
import { appendAudit } from "../audit";
import { controlDeploymentTx } from "../flows/deployments";
import { lockRetirement, notifyFollowers, setFlowLifecycle, type TLockedRetirement } from "./load";
import { loadSubject, type TRetirementSubject } from "./subject";
import { quietState, refusalMessage } from "./timeline";
import { lastInboundTraffic, type TLastTraffic } from "./traffic";
import { assertWaiver } from "./waiver";

export type TRetired = {
  status: "retired";
  retiredAt: Date;
  waiver: string | null;
  stoppedDeployments: number;
};

/**
 * A flow stops everywhere (desired state stopped, through the deployments service, audited per
 * deployment), is archived and retired in the catalog; an interface leaves the live graph.
 */
async function takeOutOfService(tx: Tx, actor: Actor, subject: TRetirementSubject, now: Date): Promise<number> {
  if (subject.kind === "interface") {
    await tx.interface.update({ where: { id: subject.id }, data: { retiredAt: now } });
    return 0;
  }
  const running = await tx.deployment.findMany({
    where: { flowId: subject.id, activeSlot: { not: null }, desiredState: { in: ["running", "paused"] } },
    select: { id: true },
  });
  // One after another: a transaction's connection runs one query at a time.
  for (const d of running) await controlDeploymentTx(tx, actor, { deploymentId: d.id, action: "stop" });
  const flow = await tx.flow.findUniqueOrThrow({ where: { id: subject.id }, select: { archivedAt: true } });
  if (!flow.archivedAt) await tx.flow.update({ where: { id: subject.id }, data: { archivedAt: now } });
  await setFlowLifecycle(tx, { subjectKind: "flow", subjectId: subject.id }, "retired");
  return running.length;
}

/** Refuses while traffic is younger than the quiet period; a waiver skips the check. */
async function assertQuiet(tx: Tx, r: TLockedRetirement, subject: TRetirementSubject, now: Date) {
  const traffic = await lastInboundTraffic(tx, subject.flowIds, now);
  const message = refusalMessage(subject.label, quietState(traffic.at, r.quietDays, now), traffic.caller);
  if (message) throw new AppError("PRECONDITION_FAILED", message);
  return traffic;
}

/**
 * Retires the subject once its observed inbound traffic (any environment, cross-checked with the
 * metrics) has been zero for the retirement's quiet days, or now with a waiver: an approved production
 * change that binds the flow. Records who and when, and tells those notified at deprecation.
 */
export async function retireSubject(actor: Actor, raw: unknown, now = new Date()): Promise<TRetired> {
  assertCan(actor, "catalog:retire");
  const input = ZRetireInput.parse(raw);
  return transaction(async (tx) => {
    const r = await lockRetirement(tx, input.retirementId);
    if (r.status !== "deprecated")
      throw new AppError(
        "CONFLICT",
        `The retirement of ${r.subjectName} is ${r.status}; only a deprecated subject can be retired.`,
      );
    const subject = await loadSubject(tx, r.subjectKind === "interface" ? "interface" : "flow", r.subjectId);
    const waiver = input.waiverChangeId ? await assertWaiver(tx, input.waiverChangeId, subject) : null;
    const traffic: TLastTraffic = waiver
      ? await lastInboundTraffic(tx, subject.flowIds, now)
      : await assertQuiet(tx, r, subject, now);
    const stoppedDeployments = await takeOutOfService(tx, actor, subject, now);
    await tx.retirement.update({
      where: { id: r.id },
      data: { status: "retired", retiredAt: now, retiredBy: actor.email, waiverChangeId: waiver?.id ?? null },
    });
    const waiverName = waiver ? `CHG-${waiver.number}` : null;
    await notifyFollowers(tx, actor, r, {
      step: "retired",
      title: `The ${subject.label} is retired`,
      body: waiverName ? `Retired under ${waiverName}.` : `No traffic for ${r.quietDays} days.`,
    });
    await appendAudit(tx, {
      actor,
      action: "retirement.retire",
      entityType: "Retirement",
      entityId: r.id,
      before: { status: r.status },
      after: {
        status: "retired",
        retiredAt: now.toISOString(),
        lastTrafficAt: traffic.at?.toISOString() ?? null,
        quietDays: r.quietDays,
        stoppedDeployments,
        ...(waiverName ? { waiver: waiverName } : {}),
      },
    });
    return { status: "retired" as const, retiredAt: now, waiver: waiverName, stoppedDeployments };
  });
}
