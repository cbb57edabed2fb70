import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth";
import { transaction } from "@/lib/db";
import { AppError, type FieldErrors } from "@/lib/errors";
import { healthScore, readSignals } from "@/lib/services/signals";
import { ZCompleteAssessment, type TCompleteAssessment } from "@/lib/validation/health";
import { appendAudit } from "../audit";
import { notifyUsers } from "../notifications";
import { canCompleteAssessment } from "./can-act";
import { assessmentHref } from "./links";
import { assessmentScore } from "./score-assessment";
import { assessedEnvironment, subjectOf } from "./signal-subject";

export type TCompletedAssessment = {
  id: string;
  score: number;
  previousScore: number | null;
  signalScore: number;
  debtPenalty: number;
  actionItems: number;
};

/**
 * Completes a due assessment: reads the signals at `now` (the environment the flow runs in, production
 * first), scores them (healthScore, less the technical-debt penalty of assessmentScore), keeps the
 * previous completed score beside it, creates the action items and tells their owners. The row is
 * locked first, so a double submit completes once and the second gets CONFLICT.
 */
export async function completeAssessment(
  actor: Actor,
  raw: TCompleteAssessment,
  now: Date = new Date(),
): Promise<TCompletedAssessment> {
  assertCan(actor, "health:assess");
  const input = ZCompleteAssessment.parse(raw);
  return transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "HealthAssessment" WHERE id = ${input.id} FOR UPDATE`;
    if (!locked.length) throw new AppError("NOT_FOUND", "The assessment was not found.");
    const a = await tx.healthAssessment.findUniqueOrThrow({
      where: { id: input.id },
      include: { flow: { select: { name: true } } },
    });
    if (a.status !== "due") throw new AppError("CONFLICT", "This assessment has already been completed.");
    if (!canCompleteAssessment(actor, a))
      throw new AppError("FORBIDDEN", "Only the assignee or a catalog editor may complete this assessment.");

    const ownerIds = [...new Set(input.actionItems.map((i) => i.ownerId))];
    const owners = new Set(
      (await tx.user.findMany({ where: { id: { in: ownerIds }, isActive: true }, select: { id: true } })).map(
        (u) => u.id,
      ),
    );
    const fieldErrors: FieldErrors = {};
    input.actionItems.forEach((item, i) => {
      if (!owners.has(item.ownerId)) fieldErrors[`actionItems.${i}.ownerId`] = ["Choose an active user as the owner."];
      if (item.dueAt.getTime() < now.getTime()) fieldErrors[`actionItems.${i}.dueAt`] = ["The due date has passed."];
    });
    if (Object.keys(fieldErrors).length)
      throw new AppError("VALIDATION", "Some action items need fixing.", { fieldErrors });

    const env = await assessedEnvironment(tx, a.flowId, now);
    if (!env) throw new AppError("CONFLICT", "The flow has never been deployed, so there are no signals to read.");
    const signals = await readSignals(tx, subjectOf(a.flowId, env), now);
    const { signalScore, debtPenalty, score } = assessmentScore(healthScore(signals), input.answers);
    const previous = await tx.healthAssessment.findFirst({
      where: { flowId: a.flowId, status: "completed" },
      orderBy: { completedAt: "desc" },
      select: { score: true },
    });
    const previousScore = previous?.score ?? null;

    await tx.healthAssessment.update({
      where: { id: a.id },
      data: {
        status: "completed",
        signals: signals as unknown as object,
        answers: input.answers,
        score,
        previousScore,
        completedAt: now,
        completedById: actor.id,
      },
    });
    const items = input.actionItems.length
      ? await tx.healthActionItem.createManyAndReturn({
          data: input.actionItems.map((i) => ({
            assessmentId: a.id,
            flowId: a.flowId,
            title: i.title,
            ownerId: i.ownerId,
            dueAt: i.dueAt,
            createdAt: now,
          })),
          select: { id: true, title: true, ownerId: true, dueAt: true },
        })
      : [];
    for (const item of items) {
      // The person completing the assessment agreed to their own items in the form.
      if (!item.ownerId || item.ownerId === actor.id) continue;
      await notifyUsers(tx, [item.ownerId], {
        kind: "health.action",
        title: `Action item for ${a.flow.name}: ${item.title}`,
        body: `From its health assessment; due ${item.dueAt.toISOString().slice(0, 10)}.`,
        href: assessmentHref(a.id),
        dedupeKey: `health.action:${item.id}`,
      });
    }
    await appendAudit(tx, {
      actor,
      action: "health.complete",
      entityType: "HealthAssessment",
      entityId: a.id,
      before: { status: "due" },
      after: {
        status: "completed",
        environment: env.key,
        score,
        previousScore,
        signalScore,
        debtPenalty,
        actionItems: items.length,
      },
    });
    return { id: a.id, score, previousScore, signalScore, debtPenalty, actionItems: items.length };
  }, 30_000);
}
