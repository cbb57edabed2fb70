import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth";
import { db, type Prisma } from "@/lib/db";
import { ZListAssessments, type TListAssessments } from "@/lib/validation/health";
import type { ListResult } from "@/lib/validation/list";
import { userNames } from "./user-names";

export type TAssessmentRow = {
  id: string;
  flowId: string;
  flowName: string;
  status: "due" | "completed";
  dueAt: string;
  isOverdue: boolean;
  assigneeId: string | null;
  assigneeName: string | null;
  score: number | null;
  previousScore: number | null;
  completedAt: string | null;
  openActionItems: number;
};

function viewWhere(view: string, now: Date): Prisma.HealthAssessmentWhereInput {
  if (view === "due") return { status: "due" };
  if (view === "overdue") return { status: "due", dueAt: { lt: now } };
  if (view === "completed") return { status: "completed" };
  return {};
}

function viewOrder(view: string): Prisma.HealthAssessmentOrderByWithRelationInput[] {
  if (view === "completed") return [{ completedAt: "desc" }, { id: "asc" }];
  if (view === "all") return [{ createdAt: "desc" }, { id: "asc" }];
  return [{ dueAt: "asc" }, { id: "asc" }];
}

/**
 * Assessments by view (open, overdue, completed, all), for the actor ("mine"), one assignee or one
 * flow, searched by flow name; open ones soonest due first, completed ones latest first.
 */
export async function listAssessments(
  actor: Actor,
  raw: TListAssessments,
  now: Date = new Date(),
): Promise<ListResult<TAssessmentRow>> {
  assertCan(actor, "catalog:read");
  const q = ZListAssessments.parse(raw);
  const where: Prisma.HealthAssessmentWhereInput = {
    ...viewWhere(q.view, now),
    assigneeId: q.mine ? (actor.id ?? "none") : q.assigneeId,
    flowId: q.flowId,
    flow: q.q ? { name: { contains: q.q, mode: "insensitive" } } : undefined,
  };
  const [total, rows] = await Promise.all([
    db().healthAssessment.count({ where }),
    db().healthAssessment.findMany({
      where,
      include: {
        flow: { select: { name: true } },
        _count: { select: { actions: { where: { status: "open" } } } },
      },
      orderBy: viewOrder(q.view),
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
  ]);
  const names = await userNames(rows.map((r) => r.assigneeId));
  return {
    rows: rows.map((r) => ({
      id: r.id,
      flowId: r.flowId,
      flowName: r.flow.name,
      status: r.status,
      dueAt: r.dueAt.toISOString(),
      isOverdue: r.status === "due" && r.dueAt.getTime() < now.getTime(),
      assigneeId: r.assigneeId,
      assigneeName: r.assigneeId ? (names.get(r.assigneeId) ?? null) : null,
      score: r.score,
      previousScore: r.previousScore,
      completedAt: r.completedAt?.toISOString() ?? null,
      openActionItems: r._count.actions,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** How many assessments each view holds, for the tabs' counts. */
export async function countAssessments(
  actor: Actor,
  opts: { mine?: boolean } = {},
  now: Date = new Date(),
): Promise<Record<"due" | "overdue" | "completed" | "all", number>> {
  assertCan(actor, "catalog:read");
  const mine = opts.mine ? { assigneeId: actor.id ?? "none" } : {};
  const count = (view: string) => db().healthAssessment.count({ where: { ...viewWhere(view, now), ...mine } });
  const [due, overdue, completed, all] = await Promise.all(["due", "overdue", "completed", "all"].map(count));
  return { due, overdue, completed, all };
}
