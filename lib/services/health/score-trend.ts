import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth";
import { db } from "@/lib/db";

export type TScorePoint = { assessmentId: string; completedAt: string; score: number };

/** The last `limit` completed scores of a flow, oldest first, for its trend chart. */
export async function scoreTrend(actor: Actor, flowId: string, limit = 12): Promise<TScorePoint[]> {
  assertCan(actor, "catalog:read");
  const rows = await db().healthAssessment.findMany({
    where: { flowId, status: "completed", score: { not: null }, completedAt: { not: null } },
    orderBy: { completedAt: "desc" },
    take: Math.max(1, Math.min(limit, 100)),
    select: { id: true, completedAt: true, score: true },
  });
  return rows
    .reverse()
    .map((r) => ({ assessmentId: r.id, completedAt: r.completedAt!.toISOString(), score: r.score! }));
}
