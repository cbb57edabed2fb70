import "server-only";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { db, transaction } from "@/lib/db";
import { appendAudit } from "../audit";
import { notifyUsers, usersWithRoles } from "../notifications";
import { assessmentHref } from "./links";

const DAY = 86_400_000;
export const REMIND_EVERY_DAYS = 3;
export const ESCALATE_AFTER_REMINDERS = 3;

const scheduler = systemActor("health-assessments");
const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The scheduler's job: an assessment past its due date reminds its assignee, at most once every
 * REMIND_EVERY_DAYS; after ESCALATE_AFTER_REMINDERS reminders (or at once when nobody active is
 * assigned) the next period escalates once to the admins. remindersSent then reads
 * ESCALATE_AFTER_REMINDERS + 1, which ends the sequence. Each step claims the row with a conditional
 * update on remindersSent, and notices carry dedupe keys, so a second run in the same period does nothing.
 */
export async function remindDueAssessments(
  now: Date,
  actor: Actor = scheduler,
): Promise<{ reminded: number; escalated: number }> {
  const cutoff = new Date(now.getTime() - REMIND_EVERY_DAYS * DAY);
  const overdue = await db().healthAssessment.findMany({
    where: {
      status: "due",
      dueAt: { lt: now },
      remindersSent: { lte: ESCALATE_AFTER_REMINDERS },
      OR: [{ lastRemindedAt: null }, { lastRemindedAt: { lte: cutoff } }],
    },
    select: { id: true },
    orderBy: { dueAt: "asc" },
    take: 500,
  });
  let reminded = 0;
  let escalated = 0;
  for (const { id } of overdue) {
    const outcome = await transaction(async (tx) => {
      const a = await tx.healthAssessment.findUnique({ where: { id }, include: { flow: { select: { name: true } } } });
      if (!a || a.status !== "due" || a.remindersSent > ESCALATE_AFTER_REMINDERS) return null;
      const assignee = a.assigneeId
        ? await tx.user.findFirst({ where: { id: a.assigneeId, isActive: true }, select: { id: true } })
        : null;
      const isReminder = assignee !== null && a.remindersSent < ESCALATE_AFTER_REMINDERS;
      const n = isReminder ? a.remindersSent + 1 : ESCALATE_AFTER_REMINDERS + 1;
      const claimed = await tx.healthAssessment.updateMany({
        where: { id, status: "due", remindersSent: a.remindersSent },
        data: { remindersSent: n, lastRemindedAt: now },
      });
      if (!claimed.count) return null;
      const overdueDays = Math.max(1, Math.floor((now.getTime() - a.dueAt.getTime()) / DAY));
      if (isReminder) {
        await notifyUsers(tx, [assignee.id], {
          kind: "health.reminder",
          title: `Reminder: the health assessment of ${a.flow.name} is overdue`,
          body: `It was due on ${day(a.dueAt)} (${overdueDays} day(s) ago); reminder ${n} of ${ESCALATE_AFTER_REMINDERS}.`,
          href: assessmentHref(id),
          dedupeKey: `health.reminder:${id}:${n}`,
        });
        await appendAudit(tx, {
          actor,
          action: "health.remind",
          entityType: "HealthAssessment",
          entityId: id,
          after: { remindersSent: n, assigneeId: assignee.id },
        });
        return "reminded" as const;
      }
      const admins = await usersWithRoles(tx, ["admin"]);
      await notifyUsers(tx, admins, {
        kind: "health.escalation",
        title: `Escalated: the health assessment of ${a.flow.name} is ${overdueDays} day(s) overdue`,
        body: assignee
          ? `Its assignee was reminded ${a.remindersSent} times.`
          : "Nobody with an active account is assigned: set the flow's owner in the catalog.",
        href: assessmentHref(id),
        dedupeKey: `health.escalation:${id}`,
      });
      await appendAudit(tx, {
        actor,
        action: "health.escalate",
        entityType: "HealthAssessment",
        entityId: id,
        after: { remindersSent: n, notified: admins.length, assigneeId: a.assigneeId },
      });
      return "escalated" as const;
    });
    if (outcome === "reminded") reminded++;
    if (outcome === "escalated") escalated++;
  }
  return { reminded, escalated };
}
