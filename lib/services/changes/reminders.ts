import "server-only";
import { systemActor } from "@/lib/auth/actor";
import { db, transaction } from "@/lib/db";
import { appendAudit } from "../audit";
import { changeHref, changeLabel, notifyUsers, usersWithRoles } from "./notify";
import { riskPolicyTx } from "./policy";
import { CAB_ROLES } from "./requests";

const HOUR = 3_600_000;
const scheduler = systemActor("change-reminders");

/**
 * The scheduler's job: a change waiting for votes longer than policy.remindAfterHours (since it was
 * opened or last reminded) reminds the CAB members who have not voted; after escalateAfterReminders
 * reminders the next period escalates once to admins and executives. Each step is a conditional update
 * on remindersSent/escalatedAt plus dedupe keys, so a second run for the same period does nothing.
 */
export async function remindStalledApprovals(now: Date): Promise<{ reminded: number; escalated: number }> {
  const policy = await transaction((tx) => riskPolicyTx(tx));
  const cutoff = new Date(now.getTime() - policy.remindAfterHours * HOUR);
  const stalled = await db().changeRequest.findMany({
    where: {
      escalatedAt: null,
      OR: [{ status: "submitted" }, { type: "emergency", status: "implemented", decidedAt: null }],
      AND: [{ OR: [{ lastRemindedAt: { lte: cutoff } }, { lastRemindedAt: null, createdAt: { lte: cutoff } }] }],
    },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: 500,
  });
  let reminded = 0;
  let escalated = 0;
  for (const { id } of stalled) {
    const outcome = await transaction(async (tx) => {
      const c = await tx.changeRequest.findUnique({
        where: { id },
        include: { approvals: { select: { userId: true } } },
      });
      if (!c) return null;
      if (c.remindersSent < policy.escalateAfterReminders) {
        const n = c.remindersSent + 1;
        const claimed = await tx.changeRequest.updateMany({
          where: { id, remindersSent: c.remindersSent },
          data: { remindersSent: n, lastRemindedAt: now },
        });
        if (!claimed.count) return null;
        const voters = await usersWithRoles(
          tx,
          [...CAB_ROLES],
          [c.requestedById, c.implementedById, ...c.approvals.map((a) => a.userId)],
        );
        await notifyUsers(tx, voters, {
          kind: "change.reminder",
          title: `Reminder: ${changeLabel(c)} still awaits your vote`,
          body: `Waiting since ${c.createdAt.toISOString().slice(0, 10)}; reminder ${n} of ${policy.escalateAfterReminders}.`,
          href: changeHref(id),
          dedupeKey: `change.reminder:${id}:${n}`,
        });
        await appendAudit(tx, {
          actor: scheduler,
          action: "change.remind",
          entityType: "ChangeRequest",
          entityId: id,
          after: { remindersSent: n, notified: voters.length },
        });
        return "reminded" as const;
      }
      const claimed = await tx.changeRequest.updateMany({
        where: { id, escalatedAt: null },
        data: { escalatedAt: now, lastRemindedAt: now },
      });
      if (!claimed.count) return null;
      const leads = await usersWithRoles(tx, ["admin", "executive"]);
      await notifyUsers(tx, leads, {
        kind: "change.escalation",
        title: `Escalated: ${changeLabel(c)} has waited for the CAB since ${c.createdAt.toISOString().slice(0, 10)}`,
        body: `${c.approvals.length} of ${c.requiredApprovals} votes after ${c.remindersSent} reminders.`,
        href: changeHref(id),
        dedupeKey: `change.escalation:${id}`,
      });
      await appendAudit(tx, {
        actor: scheduler,
        action: "change.escalate",
        entityType: "ChangeRequest",
        entityId: id,
        after: { remindersSent: c.remindersSent, notified: leads.length },
      });
      return "escalated" as const;
    });
    if (outcome === "reminded") reminded++;
    if (outcome === "escalated") escalated++;
  }
  return { reminded, escalated };
}
