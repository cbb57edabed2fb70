import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, Prisma } from "@/lib/db";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import { errorBudget, type TErrorBudget } from "./math";

// The SLA dashboard's reads: SLAs with their error budget, compliance per day, breaches.

const DAY = 24 * 3_600_000;

export type SlaRow = {
  id: string;
  name: string;
  interfaceId: string;
  interfaceName: string;
  environmentId: string;
  environmentKey: string;
  freshnessMaxAgeMinutes: number | null;
  accuracyTargetPct: number | null;
  compliancePct: number;
  budgetPeriodDays: number;
  enabled: boolean;
  budget: TErrorBudget;
  openBreaches: number;
  lastSample: { at: string; met: boolean; freshnessAgeSeconds: number | null; accuracyPct: number | null } | null;
};

export type SlaDay = {
  day: string;
  compliancePct: number | null;
  accuracyPct: number | null;
  maxAgeMinutes: number | null;
};

export type BreachRow = {
  id: string;
  slaId: string;
  slaName: string;
  environmentKey: string;
  objective: string;
  startedAt: string;
  endedAt: string | null;
  target: number;
  worstValue: number;
  detail: string;
  alertId: string | null;
};

async function names(interfaceIds: string[], environmentIds: string[]) {
  const [ifaces, envs] = await Promise.all([
    db().interface.findMany({ where: { id: { in: [...new Set(interfaceIds)] } }, select: { id: true, name: true } }),
    db().environment.findMany({ where: { id: { in: [...new Set(environmentIds)] } }, select: { id: true, key: true } }),
  ]);
  return { iface: new Map(ifaces.map((i) => [i.id, i.name])), env: new Map(envs.map((e) => [e.id, e.key])) };
}

export async function listSlas(actor: Actor, now = new Date()): Promise<SlaRow[]> {
  assertCan(actor, "quality:read");
  const slas = await db().qualitySla.findMany({ orderBy: { name: "asc" } });
  if (!slas.length) return [];
  const n = await names(
    slas.map((s) => s.interfaceId),
    slas.map((s) => s.environmentId),
  );
  const rows: SlaRow[] = [];
  for (const s of slas) {
    const since = new Date(now.getTime() - s.budgetPeriodDays * DAY);
    const [samples, misses, open, last] = await Promise.all([
      db().qualitySlaSample.count({ where: { slaId: s.id, at: { gt: since } } }),
      db().qualitySlaSample.count({ where: { slaId: s.id, at: { gt: since }, met: false } }),
      db().qualitySlaBreach.count({ where: { slaId: s.id, endedAt: null } }),
      db().qualitySlaSample.findFirst({ where: { slaId: s.id }, orderBy: { at: "desc" } }),
    ]);
    rows.push({
      id: s.id,
      name: s.name,
      interfaceId: s.interfaceId,
      interfaceName: n.iface.get(s.interfaceId) ?? "(deleted interface)",
      environmentId: s.environmentId,
      environmentKey: n.env.get(s.environmentId) ?? "?",
      freshnessMaxAgeMinutes: s.freshnessMaxAgeMinutes,
      accuracyTargetPct: s.accuracyTargetPct,
      compliancePct: s.compliancePct,
      budgetPeriodDays: s.budgetPeriodDays,
      enabled: s.enabled,
      budget: errorBudget(s, samples, misses),
      openBreaches: open,
      lastSample: last
        ? {
            at: last.at.toISOString(),
            met: last.met,
            freshnessAgeSeconds: last.freshnessAgeSeconds,
            accuracyPct: last.accuracyPct,
          }
        : null,
    });
  }
  return rows;
}

/** Compliance per UTC day over `days`, for one SLA or all: one aggregate query over the samples. */
export async function slaComplianceByDay(
  actor: Actor,
  slaId: string | null,
  days: number,
  now = new Date(),
): Promise<SlaDay[]> {
  assertCan(actor, "quality:read");
  const since = new Date(now.getTime() - days * DAY);
  const rows = await db().$queryRaw<
    { day: Date; total: bigint; met: bigint; acc: number | null; age: number | null }[]
  >`SELECT date_trunc('day', "at") AS day, count(*) AS total, count(*) FILTER (WHERE "met") AS met,
           avg("accuracyPct") AS acc, max("freshnessAgeSeconds") AS age
    FROM "QualitySlaSample"
    WHERE "at" > ${since} ${slaId ? Prisma.sql`AND "slaId" = ${slaId}` : Prisma.empty}
    GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => ({
    day: r.day.toISOString().slice(0, 10),
    compliancePct: Number(r.total) ? Math.round((Number(r.met) / Number(r.total)) * 10_000) / 100 : null,
    accuracyPct: r.acc === null ? null : Math.round(Number(r.acc) * 100) / 100,
    maxAgeMinutes: r.age === null ? null : Math.round(Number(r.age) / 6) / 10,
  }));
}

const BREACH_SORT = ["startedAt", "endedAt", "objective"] as const;

/** Breaches, newest first; filters: sla, objective, status (open|ended), environment (key); q searches the text. */
export async function listSlaBreaches(actor: Actor, query: TListQuery): Promise<ListResult<BreachRow>> {
  assertCan(actor, "quality:read");
  const f = query.filters;
  const env = f.environment
    ? await db().environment.findUnique({ where: { key: f.environment }, select: { id: true } })
    : null;
  const where: Prisma.QualitySlaBreachWhereInput = {
    ...(f.sla ? { slaId: f.sla } : {}),
    ...(f.objective ? { objective: f.objective } : {}),
    ...(f.status === "open" ? { endedAt: null } : f.status === "ended" ? { endedAt: { not: null } } : {}),
    ...(f.environment ? { sla: { environmentId: env?.id ?? "-" } } : {}),
    ...(query.q
      ? {
          OR: [
            { detail: { contains: query.q, mode: "insensitive" } },
            { sla: { name: { contains: query.q, mode: "insensitive" } } },
          ],
        }
      : {}),
  };
  const sort = pickSort(query, BREACH_SORT, "startedAt");
  const [total, rows] = await Promise.all([
    db().qualitySlaBreach.count({ where }),
    db().qualitySlaBreach.findMany({
      where,
      orderBy: [{ [sort.field]: query.sort ? sort.dir : "desc" }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      include: { sla: { select: { name: true, environmentId: true } } },
    }),
  ]);
  const n = await names(
    [],
    rows.map((r) => r.sla.environmentId),
  );
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    rows: rows.map((r) => ({
      id: r.id,
      slaId: r.slaId,
      slaName: r.sla.name,
      environmentKey: n.env.get(r.sla.environmentId) ?? "?",
      objective: r.objective,
      startedAt: r.startedAt.toISOString(),
      endedAt: r.endedAt?.toISOString() ?? null,
      target: r.target,
      worstValue: r.worstValue,
      detail: r.detail,
      alertId: r.alertId,
    })),
  };
}

/** Interfaces (live) and environments to choose from in the SLA form. */
export async function slaFormOptions(actor: Actor) {
  assertCan(actor, "quality:read");
  const [interfaces, environments] = await Promise.all([
    db().interface.findMany({
      where: { retiredAt: null },
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        sourceSystem: { select: { name: true } },
        targetSystem: { select: { name: true } },
      },
      take: 1000,
    }),
    db().environment.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, key: true, name: true } }),
  ]);
  return {
    interfaces: interfaces.map((i) => ({
      id: i.id,
      label: `${i.name} (${i.sourceSystem.name} → ${i.targetSystem.name})`,
    })),
    environments: environments.map((e) => ({ id: e.id, label: e.name, key: e.key })),
  };
}
