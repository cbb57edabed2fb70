import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, type Prisma } from "@/lib/db";
import { pickSort, ZListQuery, type ListResult, type TListQuery } from "@/lib/validation/list";
import { ZProfileId, ZProfileRunsQuery, ZProfileTrendQuery } from "./schema";
import type {
  TProfileAnomalyKind,
  TProfileAnomalyRow,
  TProfileRunRow,
  TProfileRunStatus,
  TProfileTrendPoint,
} from "./types";

// The profiling pages' reads: a definition's runs, its trend, anomalies across definitions.

type TRun = Prisma.ProfileRunGetPayload<{ include: { _count: { select: { anomalies: true } } } }>;

export function toRunRow(r: TRun): TProfileRunRow {
  return {
    id: r.id,
    status: r.status as TProfileRunStatus,
    trigger: r.trigger as "schedule" | "manual",
    windowStart: r.windowStart?.toISOString() ?? null,
    windowEnd: r.windowEnd?.toISOString() ?? null,
    rowsDone: r.rowsDone,
    rowsTotal: r.rowsTotal,
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    error: r.error,
    anomalies: r._count.anomalies,
  };
}

/** A definition's runs, newest first. */
export async function listProfileRuns(actor: Actor, raw: unknown): Promise<ListResult<TProfileRunRow>> {
  assertCan(actor, "quality:read");
  const q = ZProfileRunsQuery.parse(raw);
  const where = { definitionId: q.definitionId };
  const [total, rows] = await Promise.all([
    db().profileRun.count({ where }),
    db().profileRun.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      include: { _count: { select: { anomalies: true } } },
    }),
  ]);
  return { total, page: q.page, pageSize: q.pageSize, rows: rows.map(toRunRow) };
}

/** The newest run of a definition without its columns: cheap enough to poll for a progress bar. */
export async function profileRunProgress(actor: Actor, raw: unknown): Promise<TProfileRunRow | null> {
  assertCan(actor, "quality:read");
  const { id } = ZProfileId.parse(raw);
  const run = await db().profileRun.findFirst({
    where: { definitionId: id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { _count: { select: { anomalies: true } } },
  });
  return run ? toRunRow(run) : null;
}

/** Volume and per-column null rate, distinct count and out-of-range count of the last successful runs, oldest first. */
export async function profileTrend(actor: Actor, raw: unknown): Promise<TProfileTrendPoint[]> {
  assertCan(actor, "quality:read");
  const q = ZProfileTrendQuery.parse(raw);
  const runs = await db().profileRun.findMany({
    where: { definitionId: q.definitionId, status: "succeeded" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.runs,
    select: { id: true, rowsDone: true, finishedAt: true, createdAt: true },
  });
  if (!runs.length) return [];
  // Only the few numbers the chart needs, not each column's whole profile.
  const cols = await db().$queryRaw<
    { runId: string; name: string; nullRate: number; distinct: number; below: number | null; above: number | null }[]
  >`SELECT "runId", "name", "nullRate", "distinct",
           ("profile"->'outOfRange'->>'below')::int AS below, ("profile"->'outOfRange'->>'above')::int AS above
    FROM "ProfileColumnResult" WHERE "runId" = ANY(${runs.map((r) => r.id)}::text[])`;
  const byRun = new Map<string, TProfileTrendPoint["columns"]>();
  for (const c of cols) {
    const m = byRun.get(c.runId) ?? {};
    m[c.name] = { nullRate: c.nullRate, distinct: c.distinct, outOfRange: (c.below ?? 0) + (c.above ?? 0) };
    byRun.set(c.runId, m);
  }
  return runs.reverse().map((r) => ({
    runId: r.id,
    at: (r.finishedAt ?? r.createdAt).toISOString(),
    rows: r.rowsDone,
    columns: byRun.get(r.id) ?? {},
  }));
}

const ANOMALY_SORT = ["createdAt", "kind", "severity", "column"] as const;
const KINDS: readonly string[] = [
  "null_rate_jump",
  "new_format",
  "new_pattern",
  "type_drift",
  "out_of_range_growth",
  "volume_drop",
];

/**
 * Anomalies, newest first. q searches the message and column; filters: definition (id), kind,
 * severity (warning|critical), run (id).
 */
export async function listProfileAnomalies(
  actor: Actor,
  rawQuery: TListQuery | unknown,
): Promise<ListResult<TProfileAnomalyRow>> {
  assertCan(actor, "quality:read");
  const query = ZListQuery.parse(rawQuery ?? {});
  const f = query.filters;
  const where: Prisma.ProfileAnomalyWhereInput = {
    ...(f.definition ? { definitionId: f.definition } : {}),
    ...(f.run ? { runId: f.run } : {}),
    ...(f.kind && KINDS.includes(f.kind) ? { kind: f.kind } : {}),
    ...(f.severity === "warning" || f.severity === "critical" ? { severity: f.severity } : {}),
    ...(query.q
      ? {
          OR: [
            { message: { contains: query.q, mode: "insensitive" } },
            { column: { contains: query.q, mode: "insensitive" } },
            { definition: { name: { contains: query.q, mode: "insensitive" } } },
          ],
        }
      : {}),
  };
  const sort = pickSort(query, ANOMALY_SORT, "createdAt");
  const [total, rows] = await Promise.all([
    db().profileAnomaly.count({ where }),
    db().profileAnomaly.findMany({
      where,
      orderBy: [{ [sort.field]: query.sort ? sort.dir : "desc" }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      include: { definition: { select: { name: true } } },
    }),
  ]);
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    rows: rows.map((a) => ({
      id: a.id,
      definitionId: a.definitionId,
      definitionName: a.definition.name,
      runId: a.runId,
      kind: a.kind as TProfileAnomalyKind,
      column: a.column,
      severity: a.severity === "critical" ? "critical" : "warning",
      message: a.message,
      alertId: a.alertId,
      createdAt: a.createdAt.toISOString(),
    })),
  };
}

export type TProfileFormOptions = {
  flows: { id: string; name: string; profileSteps: string[] }[];
  environments: { id: string; key: string; name: string }[];
};

/** Flows (with the profile steps of their latest version) and environments for the definition form. */
export async function profileFormOptions(actor: Actor): Promise<TProfileFormOptions> {
  assertCan(actor, "quality:read");
  const [flows, environments] = await Promise.all([
    db().flow.findMany({
      where: { archivedAt: null },
      orderBy: { name: "asc" },
      take: 1000,
      select: { id: true, name: true, versions: { orderBy: { version: "desc" }, take: 1, select: { spec: true } } },
    }),
    db().environment.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, key: true, name: true } }),
  ]);
  return {
    flows: flows.map((fl) => {
      const steps = ((fl.versions[0]?.spec as { steps?: { id?: unknown; use?: unknown }[] } | undefined)?.steps ??
        []) as { id?: unknown; use?: unknown }[];
      return {
        id: fl.id,
        name: fl.name,
        profileSteps: steps.filter((s) => s.use === "profile" && typeof s.id === "string").map((s) => s.id as string),
      };
    }),
    environments,
  };
}
