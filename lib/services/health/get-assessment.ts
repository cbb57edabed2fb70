import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth";
import { db, transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { healthScore, readSignals, type TSignal } from "@/lib/services/signals";
import { ZHealthAnswers, ZStoredSignals, type THealthAnswers } from "@/lib/validation/health";
import { toActionItemView, type TAssessmentActionItem } from "./action-item-view";
import { canCompleteAssessment } from "./can-act";
import { assessmentScore, type TScoreBreakdown } from "./score-assessment";
import { assessedEnvironment, subjectOf } from "./signal-subject";
import { userNames } from "./user-names";

export type { TAssessmentActionItem };

export type TAssessmentDetail = {
  id: string;
  flow: { id: string; name: string };
  status: "due" | "completed";
  createdAt: string;
  dueAt: string;
  isOverdue: boolean;
  remindersSent: number;
  assignee: { id: string; name: string | null } | null;
  /** Stored at completion; for an open assessment, read now as a preview of what completing will record. */
  signals: TSignal[];
  isLivePreview: boolean;
  /** Where the preview was read (an open assessment only). */
  environment: { key: string; name: string } | null;
  answers: THealthAnswers | null;
  score: number | null;
  /** The flow's last completed score before this one (for an open assessment: the latest so far). */
  previousScore: number | null;
  /** How the score came about, recomputed from what was stored (or previewed without a debt rating). */
  breakdown: TScoreBreakdown | null;
  completedAt: string | null;
  completedBy: { id: string; name: string | null } | null;
  actionItems: TAssessmentActionItem[];
  canComplete: boolean;
};

export async function getAssessmentOrThrow(
  actor: Actor,
  id: string,
  now: Date = new Date(),
): Promise<TAssessmentDetail> {
  assertCan(actor, "catalog:read");
  const a = await db().healthAssessment.findUnique({
    where: { id },
    include: { flow: { select: { id: true, name: true } }, actions: { orderBy: [{ dueAt: "asc" }, { id: "asc" }] } },
  });
  if (!a) throw new AppError("NOT_FOUND", "The assessment was not found.");
  const names = await userNames([a.assigneeId, a.completedById, ...a.actions.map((i) => i.ownerId)]);
  const person = (userId: string | null) => (userId ? { id: userId, name: names.get(userId) ?? null } : null);

  let signals: TSignal[] = [];
  let environment: TAssessmentDetail["environment"] = null;
  if (a.status === "due") {
    const live = await transaction(async (tx) => {
      const env = await assessedEnvironment(tx, a.flowId, now);
      return env ? { env, signals: await readSignals(tx, subjectOf(a.flowId, env), now) } : null;
    }, 30_000);
    if (live) {
      signals = live.signals;
      environment = { key: live.env.key, name: live.env.name };
    }
  } else {
    const stored = ZStoredSignals.safeParse(a.signals);
    signals = stored.success ? stored.data : [];
  }
  const previousScore =
    a.status === "completed"
      ? a.previousScore
      : ((
          await db().healthAssessment.findFirst({
            where: { flowId: a.flowId, status: "completed" },
            orderBy: { completedAt: "desc" },
            select: { score: true },
          })
        )?.score ?? null);
  const answers = a.status === "completed" ? ZHealthAnswers.safeParse(a.answers) : null;
  const breakdown = signals.length
    ? assessmentScore(healthScore(signals), { technicalDebt: answers?.success ? answers.data.technicalDebt : 1 })
    : null;

  return {
    id: a.id,
    flow: a.flow,
    status: a.status,
    createdAt: a.createdAt.toISOString(),
    dueAt: a.dueAt.toISOString(),
    isOverdue: a.status === "due" && a.dueAt.getTime() < now.getTime(),
    remindersSent: a.remindersSent,
    assignee: person(a.assigneeId),
    signals,
    isLivePreview: a.status === "due",
    environment,
    answers: answers?.success ? answers.data : null,
    score: a.score,
    previousScore,
    breakdown,
    completedAt: a.completedAt?.toISOString() ?? null,
    completedBy: person(a.completedById),
    actionItems: a.actions.map((i) => toActionItemView(actor, i, a, names, now)),
    canComplete: canCompleteAssessment(actor, a),
  };
}
