import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth";
import { db, type Prisma } from "@/lib/db";
import { ZListActionItems, type TListActionItems } from "@/lib/validation/health";
import type { ListResult } from "@/lib/validation/list";
import { toActionItemView, type TAssessmentActionItem } from "./action-item-view";
import { userNames } from "./user-names";

export type TActionItemRow = TAssessmentActionItem & { assessmentId: string; flowId: string; flowName: string };

/**
 * Action items across assessments: open ones by default, one owner's (or the actor's own), optionally
 * only those past their due date; the soonest due first.
 */
export async function listActionItems(
  actor: Actor,
  raw: TListActionItems,
  now: Date = new Date(),
): Promise<ListResult<TActionItemRow>> {
  assertCan(actor, "catalog:read");
  const q = ZListActionItems.parse(raw);
  const ownerId = q.mine ? (actor.id ?? "none") : q.ownerId;
  const where: Prisma.HealthActionItemWhereInput = {
    status: q.status,
    ownerId,
    dueAt: q.isOverdue ? { lt: now } : undefined,
    OR: q.q
      ? [
          { title: { contains: q.q, mode: "insensitive" } },
          { assessment: { flow: { name: { contains: q.q, mode: "insensitive" } } } },
        ]
      : undefined,
  };
  const [total, rows] = await Promise.all([
    db().healthActionItem.count({ where }),
    db().healthActionItem.findMany({
      where,
      include: { assessment: { select: { assigneeId: true, flow: { select: { name: true } } } } },
      orderBy: q.status === "open" ? [{ dueAt: "asc" }, { id: "asc" }] : [{ doneAt: "desc" }, { id: "asc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
  ]);
  const names = await userNames(rows.map((r) => r.ownerId));
  return {
    rows: rows.map((r) => ({
      ...toActionItemView(actor, r, r.assessment, names, now),
      assessmentId: r.assessmentId,
      flowId: r.flowId,
      flowName: r.assessment.flow.name,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
