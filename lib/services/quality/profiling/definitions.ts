import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction, type Prisma, type Tx } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import type { TColumnProfile } from "@/lib/quality/profiling/summary";
import { pickSort, ZListQuery, type ListResult, type TListQuery } from "@/lib/validation/list";
import { appendAudit } from "../../audit";
import { ZProfileDefinitionInput, ZProfileId, type TProfileDefinitionParsed } from "./schema";
import { connectionLabel, nextRunAfter, REDACTED_PASSWORD, redactConnection, scheduleLabel } from "./schedule";
import {
  DEFAULT_PROFILE_THRESHOLDS,
  type TProfileDefinitionDetail,
  type TProfileDefinitionRow,
  type TProfileRunStatus,
  type TProfileTargetKind,
  type TProfileThresholds,
} from "./types";

// Profile definitions: what is profiled, when, and what counts as an anomaly. Reading needs
// quality:read; creating, editing, deleting and "run now" need quality:manage and are audited.

type TDefinition = Prisma.ProfileDefinitionGetPayload<object>;

export function thresholdsOf(raw: unknown): TProfileThresholds {
  const t = (raw && typeof raw === "object" ? raw : {}) as Partial<Record<keyof TProfileThresholds, unknown>>;
  const pick = (k: keyof TProfileThresholds) =>
    typeof t[k] === "number" ? (t[k] as number) : DEFAULT_PROFILE_THRESHOLDS[k];
  return {
    nullRateJump: pick("nullRateJump"),
    volumeDrop: pick("volumeDrop"),
    outOfRangeGrowth: pick("outOfRangeGrowth"),
  };
}

export const profileAlertKeyPrefix = (definitionId: string) => `profile_anomaly:${definitionId}:`;

const AUDITED = [
  "name",
  "description",
  "targetKind",
  "flowId",
  "environmentId",
  "stepId",
  "sqlTable",
  "sqlConnection",
  "scheduleKind",
  "intervalMinutes",
  "cron",
  "bounds",
  "baselineRuns",
  "thresholds",
  "enabled",
] as const;
const audited = (d: Record<string, unknown>) => {
  const out: Record<string, unknown> = Object.fromEntries(AUDITED.map((k) => [k, d[k]]));
  out.sqlConnection = redactConnection((d.sqlConnection as string | null) ?? null);
  return out;
};

/** Flow names and environment keys for a page of definitions. */
async function namesFor(defs: Pick<TDefinition, "flowId" | "environmentId">[]) {
  const flowIds = [...new Set(defs.map((d) => d.flowId).filter((x): x is string => !!x))];
  const envIds = [...new Set(defs.map((d) => d.environmentId).filter((x): x is string => !!x))];
  const [flows, envs] = await Promise.all([
    flowIds.length
      ? db().flow.findMany({ where: { id: { in: flowIds } }, select: { id: true, name: true } })
      : Promise.resolve([]),
    envIds.length
      ? db().environment.findMany({ where: { id: { in: envIds } }, select: { id: true, key: true } })
      : Promise.resolve([]),
  ]);
  return { flow: new Map(flows.map((f) => [f.id, f.name])), env: new Map(envs.map((e) => [e.id, e.key])) };
}

function targetLabel(d: TDefinition, n: Awaited<ReturnType<typeof namesFor>>): string {
  const env = d.environmentId ? (n.env.get(d.environmentId) ?? "?") : null;
  if (d.targetKind === "stream") {
    const flow = d.flowId ? (n.flow.get(d.flowId) ?? "(deleted flow)") : "?";
    return `${flow}${d.stepId ? ` / ${d.stepId}` : ""} · ${env ?? "?"}`;
  }
  const via = d.sqlConnection
    ? connectionLabel(d.sqlConnection)
    : d.flowId
      ? `${n.flow.get(d.flowId) ?? "(deleted flow)"} · ${env ?? "?"}`
      : "engine database";
  return `${d.sqlTable ?? "?"} (${via})`;
}

/** The newest run and the anomaly count of the newest successful run, per definition. */
async function runSummaries(ids: string[]) {
  if (!ids.length) return { last: new Map(), open: new Map<string, number>() };
  const last = await db().$queryRaw<
    { definitionId: string; id: string; status: string; finishedAt: Date | null; rowsDone: number }[]
  >`SELECT DISTINCT ON ("definitionId") "definitionId", "id", "status", "finishedAt", "rowsDone"
    FROM "ProfileRun" WHERE "definitionId" = ANY(${ids}::text[])
    ORDER BY "definitionId", "createdAt" DESC, "id" DESC`;
  const open = await db().$queryRaw<{ definitionId: string; n: bigint }[]>`
    WITH ok AS (
      SELECT DISTINCT ON ("definitionId") "definitionId", "id" FROM "ProfileRun"
      WHERE "definitionId" = ANY(${ids}::text[]) AND "status" = 'succeeded'
      ORDER BY "definitionId", "createdAt" DESC, "id" DESC)
    SELECT ok."definitionId", count(a."id") AS n FROM ok JOIN "ProfileAnomaly" a ON a."runId" = ok."id"
    GROUP BY ok."definitionId"`;
  return {
    last: new Map(last.map((r) => [r.definitionId, r])),
    open: new Map(open.map((r) => [r.definitionId, Number(r.n)])),
  };
}

function toRow(
  d: TDefinition,
  n: Awaited<ReturnType<typeof namesFor>>,
  s: Awaited<ReturnType<typeof runSummaries>>,
): TProfileDefinitionRow {
  const last = s.last.get(d.id) as
    { id: string; status: string; finishedAt: Date | null; rowsDone: number } | undefined;
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    targetKind: d.targetKind as TProfileTargetKind,
    targetLabel: targetLabel(d, n),
    flowId: d.flowId,
    environmentKey: d.environmentId ? (n.env.get(d.environmentId) ?? null) : null,
    sqlTable: d.sqlTable,
    scheduleLabel: scheduleLabel(d),
    enabled: d.enabled,
    nextRunAt: d.nextRunAt?.toISOString() ?? null,
    lastRun: last
      ? {
          id: last.id,
          status: last.status as TProfileRunStatus,
          finishedAt: last.finishedAt?.toISOString() ?? null,
          rows: last.rowsDone,
        }
      : null,
    openAnomalies: s.open.get(d.id) ?? 0,
  };
}

const DEFINITION_SORT = ["name", "nextRunAt", "lastRunAt", "createdAt"] as const;

/** Definitions; q searches name, description and table; filters: kind (stream|sql), enabled (true|false), flow. */
export async function listProfileDefinitions(
  actor: Actor,
  rawQuery: TListQuery | unknown,
): Promise<ListResult<TProfileDefinitionRow>> {
  assertCan(actor, "quality:read");
  const query = ZListQuery.parse(rawQuery ?? {});
  const f = query.filters;
  const where: Prisma.ProfileDefinitionWhereInput = {
    ...(f.kind === "stream" || f.kind === "sql" ? { targetKind: f.kind } : {}),
    ...(f.enabled === "true" ? { enabled: true } : f.enabled === "false" ? { enabled: false } : {}),
    ...(f.flow ? { flowId: f.flow } : {}),
    ...(query.q
      ? {
          OR: [
            { name: { contains: query.q, mode: "insensitive" } },
            { description: { contains: query.q, mode: "insensitive" } },
            { sqlTable: { contains: query.q, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const sort = pickSort(query, DEFINITION_SORT, "name");
  const [total, defs] = await Promise.all([
    db().profileDefinition.count({ where }),
    db().profileDefinition.findMany({
      where,
      orderBy: [{ [sort.field]: sort.dir }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  const [n, s] = await Promise.all([namesFor(defs), runSummaries(defs.map((d) => d.id))]);
  return { total, page: query.page, pageSize: query.pageSize, rows: defs.map((d) => toRow(d, n, s)) };
}

export async function getProfileDefinitionOrThrow(id: string): Promise<TDefinition> {
  const d = await db().profileDefinition.findUnique({ where: { id } });
  if (!d) throw new AppError("NOT_FOUND", "That profile does not exist.");
  return d;
}

export async function getProfileDefinition(actor: Actor, id: string): Promise<TProfileDefinitionDetail> {
  assertCan(actor, "quality:read");
  const { id: parsed } = ZProfileId.parse({ id });
  const d = await getProfileDefinitionOrThrow(parsed);
  const [n, s, run, baseline] = await Promise.all([
    namesFor([d]),
    runSummaries([d.id]),
    db().profileRun.findFirst({
      where: { definitionId: d.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      include: { columns: { orderBy: { name: "asc" } }, _count: { select: { anomalies: true } } },
    }),
    db().profileBaseline.findUnique({ where: { definitionId: d.id } }),
  ]);
  const baselineStats = (baseline?.stats ?? {}) as { rows?: number };
  const succeeded =
    run?.status === "succeeded"
      ? run
      : await db().profileRun.findFirst({
          where: { definitionId: d.id, status: "succeeded" },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          include: { columns: { orderBy: { name: "asc" } } },
        });
  const columnsOf = (r: NonNullable<typeof succeeded>) =>
    r.columns.map((c) => ({
      name: c.name,
      type: c.type,
      nulls: c.nulls,
      nullRate: c.nullRate,
      distinct: c.distinct,
      profile: c.profile as unknown as TColumnProfile,
    }));
  return {
    definition: {
      ...toRow(d, n, s),
      environmentId: d.environmentId,
      stepId: d.stepId,
      sqlConnection: redactConnection(d.sqlConnection),
      scheduleKind: d.scheduleKind as "interval" | "cron",
      intervalMinutes: d.intervalMinutes,
      cron: d.cron,
      bounds: (d.bounds ?? {}) as TProfileDefinitionDetail["definition"]["bounds"],
      baselineRuns: d.baselineRuns,
      thresholds: thresholdsOf(d.thresholds),
      runRequestedAt: d.runRequestedAt?.toISOString() ?? null,
    },
    latestRun: run
      ? {
          id: run.id,
          status: run.status as TProfileRunStatus,
          trigger: run.trigger as "schedule" | "manual",
          windowStart: run.windowStart?.toISOString() ?? null,
          windowEnd: run.windowEnd?.toISOString() ?? null,
          rowsDone: run.rowsDone,
          rowsTotal: run.rowsTotal,
          startedAt: run.startedAt?.toISOString() ?? null,
          finishedAt: run.finishedAt?.toISOString() ?? null,
          error: run.error,
          anomalies: run._count.anomalies,
          columns: columnsOf(run),
        }
      : null,
    results: succeeded
      ? { runId: succeeded.id, finishedAt: succeeded.finishedAt?.toISOString() ?? null, columns: columnsOf(succeeded) }
      : null,
    baseline: baseline
      ? { runs: baseline.runs, rows: Number(baselineStats.rows ?? 0), updatedAt: baseline.updatedAt.toISOString() }
      : null,
  };
}

async function assertTargets(tx: Tx, input: TProfileDefinitionParsed) {
  const [flow, env] = await Promise.all([
    input.flowId ? tx.flow.findUnique({ where: { id: input.flowId }, select: { id: true, archivedAt: true } }) : null,
    input.environmentId
      ? tx.environment.findUnique({ where: { id: input.environmentId }, select: { id: true } })
      : null,
  ]);
  const invalid = (field: string, message: string) =>
    new AppError("VALIDATION", message, { fieldErrors: { [field]: [message] } });
  if (input.flowId && (!flow || flow.archivedAt))
    throw invalid("flowId", "Choose a flow that exists and is not archived.");
  if (input.environmentId && !env) throw invalid("environmentId", "Choose an environment.");
}

/**
 * Creates (no id) or updates a definition. The next run is scheduled from now whenever the schedule
 * or the enabled flag changes; a disabled definition has none (it still runs on "run now").
 * A connection saved back in its redacted form (as the portal shows it) keeps the stored password.
 */
export async function saveProfileDefinition(actor: Actor, raw: unknown, now = new Date()): Promise<{ id: string }> {
  assertCan(actor, "quality:manage");
  const { id, ...input } = ZProfileDefinitionInput.parse(raw);
  try {
    return await transaction(async (tx) => {
      await assertTargets(tx, { id, ...input });
      const before = id ? await tx.profileDefinition.findUnique({ where: { id } }) : null;
      if (id && !before) throw new AppError("NOT_FOUND", "That profile does not exist.");
      let sqlConnection = input.sqlConnection;
      if (
        before?.sqlConnection &&
        sqlConnection?.includes(`:${REDACTED_PASSWORD}@`) &&
        sqlConnection === redactConnection(before.sqlConnection)
      )
        sqlConnection = before.sqlConnection;
      const data = {
        ...input,
        sqlConnection,
        bounds: input.bounds as Prisma.InputJsonValue,
        thresholds: input.thresholds as Prisma.InputJsonValue,
      };
      const scheduleChanged =
        !before ||
        before.enabled !== input.enabled ||
        before.scheduleKind !== input.scheduleKind ||
        before.intervalMinutes !== input.intervalMinutes ||
        before.cron !== input.cron;
      const nextRunAt = !input.enabled ? null : scheduleChanged ? nextRunAfter(input, now) : before!.nextRunAt;
      const after = before
        ? await tx.profileDefinition.update({
            where: { id: before.id },
            data: { ...data, nextRunAt, updatedBy: actor.email },
          })
        : await tx.profileDefinition.create({
            data: { ...data, nextRunAt, createdBy: actor.email, updatedBy: actor.email },
          });
      await appendAudit(tx, {
        actor,
        action: before ? "quality.profile.update" : "quality.profile.create",
        entityType: "ProfileDefinition",
        entityId: after.id,
        before: before ? audited(before) : null,
        after: audited(after),
      });
      return { id: after.id };
    });
  } catch (e) {
    mapPrismaError(e, "profile");
  }
}

/** Deletes a definition with its runs, baseline and anomalies; its open anomaly alerts are resolved. */
export async function deleteProfileDefinition(actor: Actor, raw: unknown, now = new Date()): Promise<{ id: string }> {
  assertCan(actor, "quality:manage");
  const { id } = ZProfileId.parse(raw);
  return transaction(async (tx) => {
    const before = await tx.profileDefinition.findUnique({ where: { id } });
    if (!before) throw new AppError("NOT_FOUND", "That profile does not exist.");
    await tx.alert.updateMany({
      where: {
        kind: "profile_anomaly",
        status: { not: "resolved" },
        openKey: { startsWith: profileAlertKeyPrefix(id) },
      },
      data: { status: "resolved", resolvedAt: now, openKey: null },
    });
    await tx.profileDefinition.delete({ where: { id } });
    await appendAudit(tx, {
      actor,
      action: "quality.profile.delete",
      entityType: "ProfileDefinition",
      entityId: id,
      before: audited(before),
      after: null,
    });
    return { id };
  });
}

/** "Run now": the engine's profiling job takes it on its next pass (within a minute). */
export async function requestProfileRun(actor: Actor, raw: unknown, now = new Date()): Promise<{ id: string }> {
  assertCan(actor, "quality:manage");
  const { id } = ZProfileId.parse(raw);
  return transaction(async (tx) => {
    const d = await tx.profileDefinition.findUnique({ where: { id }, select: { id: true, runRequestedAt: true } });
    if (!d) throw new AppError("NOT_FOUND", "That profile does not exist.");
    const running = await tx.profileRun.findFirst({
      where: { definitionId: id, status: { in: ["queued", "running"] } },
      select: { id: true },
    });
    if (running) throw new AppError("CONFLICT", "A run of this profile is in progress; wait for it to finish.");
    if (d.runRequestedAt) return { id }; // already asked for: once is enough
    await tx.profileDefinition.update({ where: { id }, data: { runRequestedAt: now, runRequestedBy: actor.email } });
    await appendAudit(tx, {
      actor,
      action: "quality.profile.run",
      entityType: "ProfileDefinition",
      entityId: id,
      before: { runRequestedAt: null },
      after: { runRequestedAt: now.toISOString() },
    });
    return { id };
  });
}
