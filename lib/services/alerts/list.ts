import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, type Prisma } from "@/lib/db";
import { ALERT_STATUSES, ZAlertFilters, type TAlertSeverity, type TAlertStatus } from "@/lib/validation/alerts";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import { resolveBlocker, thresholdOf, waitingDeadLetters, waitingFor } from "./condition";

export type AlertRow = {
  id: string;
  kind: string;
  severity: TAlertSeverity;
  status: TAlertStatus;
  message: string;
  flowId: string | null;
  flowName: string | null;
  environmentKey: string | null;
  createdAt: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  /** For dead-letter alerts that are not resolved: the letters waiting now and the threshold raised at. */
  deadLetters: { waiting: number; threshold: number } | null;
  /** Why "Resolve" is refused now (see resolveBlocker); null when it may be resolved. */
  resolveBlockedBy: string | null;
};

export type AlertStatusCounts = Record<TAlertStatus, number>;

const include = {
  flow: { select: { name: true } },
  environment: { select: { key: true } },
} as const;

const SORTABLE = ["createdAt", "severity", "kind"] as const;

/** Severity, flow and search (not the status tab): the tabs' counts share them. */
function baseWhere(query: Pick<TListQuery, "q" | "filters">): Prisma.AlertWhereInput[] {
  const f = ZAlertFilters.parse(query.filters);
  const and: Prisma.AlertWhereInput[] = [];
  if (f.severity) and.push({ severity: f.severity });
  if (f.flow) and.push({ flowId: f.flow });
  if (query.q)
    and.push({
      OR: [
        { message: { contains: query.q, mode: "insensitive" } },
        { kind: { contains: query.q, mode: "insensitive" } },
        { flow: { name: { contains: query.q, mode: "insensitive" } } },
      ],
    });
  return and;
}

/** The alert inbox: one status tab (`f.status`, open by default), filtered by severity and flow, searched by text. */
export async function listAlerts(actor: Actor, query: TListQuery): Promise<ListResult<AlertRow>> {
  assertCan(actor, "flow:read");
  const { status } = ZAlertFilters.parse(query.filters);
  const where = { AND: [...baseWhere(query), { status }] };
  const sort = pickSort(query, SORTABLE, "createdAt");
  // Newest first unless the reader chose an order.
  const dir = query.sort ? sort.dir : "desc";
  const [alerts, total] = await Promise.all([
    db().alert.findMany({
      where,
      include,
      orderBy: [{ [sort.field]: dir }, { createdAt: "desc" }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db().alert.count({ where }),
  ]);
  const waiting = await waitingDeadLetters(
    db(),
    alerts.filter((a) => a.status !== "resolved"),
  );
  const rows = alerts.map((a): AlertRow => {
    const n = a.status === "resolved" ? null : waitingFor(waiting, a);
    return {
      id: a.id,
      kind: a.kind,
      severity: a.severity,
      status: a.status,
      message: a.message,
      flowId: a.flowId,
      flowName: a.flow?.name ?? null,
      environmentKey: a.environment?.key ?? null,
      createdAt: a.createdAt.toISOString(),
      acknowledgedBy: a.acknowledgedBy,
      acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
      resolvedAt: a.resolvedAt?.toISOString() ?? null,
      deadLetters: n === null ? null : { waiting: n, threshold: thresholdOf(a.details) },
      resolveBlockedBy: a.status === "resolved" ? null : resolveBlocker(a, n),
    };
  });
  return { rows, total, page: query.page, pageSize: query.pageSize };
}

/** How many alerts each tab holds under the current severity, flow and search. */
export async function alertStatusCounts(
  actor: Actor,
  query: Pick<TListQuery, "q" | "filters">,
): Promise<AlertStatusCounts> {
  assertCan(actor, "flow:read");
  const groups = await db().alert.groupBy({
    by: ["status"],
    where: { AND: baseWhere(query) },
    _count: { _all: true },
  });
  const counts = Object.fromEntries(ALERT_STATUSES.map((s) => [s, 0])) as AlertStatusCounts;
  for (const g of groups) counts[g.status] = g._count._all;
  return counts;
}

/** Open alerts, and how many of them are critical, for the badge on the flows page. */
export async function countOpenAlerts(actor: Actor): Promise<{ open: number; critical: number }> {
  assertCan(actor, "flow:read");
  const groups = await db().alert.groupBy({ by: ["severity"], where: { status: "open" }, _count: { _all: true } });
  return {
    open: groups.reduce((a, g) => a + g._count._all, 0),
    critical: groups.find((g) => g.severity === "critical")?._count._all ?? 0,
  };
}
