import "server-only";
import { db, Prisma, transaction, type Tx } from "@/lib/db";
import type { TLog } from "@/lib/engine/runtime/context";
import {
  computeBaseline,
  detectAnomalies,
  type TDetectedAnomaly,
  type TRunSnapshot,
} from "@/lib/quality/profiling/anomaly";
import type { TBounds } from "@/lib/quality/profiling/column";
import { Profiler } from "@/lib/quality/profiling/profiler";
import type { TColumnProfile } from "@/lib/quality/profiling/summary";
import { profileAlertKeyPrefix, thresholdsOf } from "./definitions";
import { nextRunAfter, periodMs } from "./schedule";
import { profileStream, profileTable, safeRunError, type TProgress } from "./sources";

// The engine's "profiling" job. Each pass claims the due definitions one at a time (FOR UPDATE SKIP
// LOCKED, so two engines never take the same one), records a running ProfileRun and moves the
// definition's next run on in that same short transaction, then profiles outside any transaction
// with progress, and finally stores the columns, the anomalies against the rolling baseline (each
// raising one "profile_anomaly" Alert per kind and column while it lasts) and the new baseline.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A stream window never reaches further back than this (an engine that was down for a month). */
const MAX_WINDOW_MS = 7 * DAY;
/** The engine flushes a minute's sketches within ~15 s after it ends: the window stops short of that. */
const FLUSH_LAG_MS = 30_000;
/** A run still "running" after this lost its engine (a crash): it is marked failed. */
export const STALE_RUN_MS = 2 * 60 * MINUTE;
/** Definitions one pass runs at most; the rest wait for the next pass (a minute later). */
const MAX_PER_PASS = 20;

const silent: TLog = { info() {}, warn() {}, error() {} };

export const profileAlertKey = (definitionId: string, kind: string, column: string | null) =>
  `${profileAlertKeyPrefix(definitionId)}${kind}:${column ?? "*"}`;

type TDefinition = Prisma.ProfileDefinitionGetPayload<object>;
export type TClaimed = { definition: TDefinition; runId: string; window: { start: Date; end: Date } | null };

async function streamWindow(tx: Tx, d: TDefinition, trigger: "schedule" | "manual", now: Date) {
  const end = new Date(Math.floor((now.getTime() - FLUSH_LAG_MS) / MINUTE) * MINUTE);
  const period = periodMs(d, now);
  // A manual run covers the last period, so its volume compares with the scheduled ones'; the
  // scheduled runs chain, each starting where the last successful scheduled one ended.
  let start = new Date(end.getTime() - period);
  if (trigger === "schedule") {
    const prev = await tx.profileRun.findFirst({
      where: { definitionId: d.id, trigger: "schedule", status: "succeeded", windowEnd: { not: null } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { windowEnd: true },
    });
    if (prev?.windowEnd) start = prev.windowEnd;
  }
  if (end.getTime() - start.getTime() > MAX_WINDOW_MS) start = new Date(end.getTime() - MAX_WINDOW_MS);
  if (start >= end) start = new Date(end.getTime() - MINUTE);
  return { start, end };
}

/** Claims one due definition and records its run; null when nothing is due. */
async function claimOne(now: Date): Promise<TClaimed | null> {
  return transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "ProfileDefinition"
      WHERE "runRequestedAt" IS NOT NULL OR ("enabled" AND "nextRunAt" <= ${now})
      ORDER BY coalesce("runRequestedAt", "nextRunAt"), "id"
      LIMIT 1 FOR UPDATE SKIP LOCKED`;
    if (!due.length) return null;
    const d = await tx.profileDefinition.findUniqueOrThrow({ where: { id: due[0].id } });
    const trigger = d.runRequestedAt ? "manual" : "schedule";
    const window = d.targetKind === "stream" ? await streamWindow(tx, d, trigger, now) : null;
    const run = await tx.profileRun.create({
      data: {
        definitionId: d.id,
        status: "running",
        trigger,
        startedAt: now,
        windowStart: window?.start ?? null,
        windowEnd: window?.end ?? null,
      },
      select: { id: true },
    });
    // A manual run leaves the schedule alone unless the scheduled time has come too.
    const isScheduleDue = d.enabled && d.nextRunAt !== null && d.nextRunAt <= now;
    await tx.profileDefinition.update({
      where: { id: d.id },
      data: {
        runRequestedAt: null,
        runRequestedBy: null,
        lastRunAt: now,
        ...(isScheduleDue || (d.enabled && d.nextRunAt === null) ? { nextRunAt: nextRunAfter(d, now) } : {}),
        ...(!d.enabled ? { nextRunAt: null } : {}),
      },
    });
    return { definition: d, runId: run.id, window };
  });
}

/** Marks runs whose engine died mid-run as failed, so "run now" is possible again. */
async function failStaleRuns(now: Date): Promise<number> {
  const r = await db().profileRun.updateMany({
    where: { status: { in: ["running", "queued"] }, createdAt: { lt: new Date(now.getTime() - STALE_RUN_MS) } },
    data: { status: "failed", finishedAt: now, error: "The engine running this profile stopped before it finished." },
  });
  return r.count;
}

function snapshotOf(rows: number, columns: { profile: unknown }[]): TRunSnapshot {
  return { rows, columns: columns.map((c) => c.profile as TColumnProfile) };
}

/** Raises (or keeps) one alert per anomaly kind and column; resolves those this run no longer shows. */
async function syncAlerts(tx: Tx, d: TDefinition, found: TDetectedAnomaly[], now: Date): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const a of found) {
    const key = profileAlertKey(d.id, a.kind, a.column);
    if (ids.has(key)) continue;
    const existing = await tx.alert.findUnique({ where: { openKey: key }, select: { id: true } });
    const message = `Profile "${d.name}": ${a.message}`;
    const details = { definitionId: d.id, kind: a.kind, column: a.column, ...a.details } as Prisma.InputJsonValue;
    const alert = existing
      ? await tx.alert.update({
          where: { id: existing.id },
          data: { message, details, severity: a.severity },
          select: { id: true },
        })
      : await tx.alert.create({
          data: {
            kind: "profile_anomaly",
            flowId: d.flowId,
            environmentId: d.environmentId,
            severity: a.severity,
            status: "open",
            message,
            details,
            openKey: key,
          },
          select: { id: true },
        });
    ids.set(key, alert.id);
  }
  await tx.alert.updateMany({
    where: {
      kind: "profile_anomaly",
      openKey: { startsWith: profileAlertKeyPrefix(d.id), notIn: [...ids.keys()] },
    },
    data: { status: "resolved", resolvedAt: now, openKey: null },
  });
  return ids;
}

/**
 * Stores a profiled run: its columns, its anomalies against the baseline of the runs before it (with
 * their alerts), and the new baseline. Exported for the seed, which replays history through it.
 */
export async function finishProfileRun(
  claimed: TClaimed,
  profiler: Profiler,
  rowsTotal: number | null,
  now: () => Date,
): Promise<number> {
  const d = claimed.definition;
  const report = profiler.report();
  return transaction(async (tx) => {
    // Baseline of the runs before this one: what "normal" was when this run started. Empty runs (an
    // outage, a flow without traffic) are anomalies themselves, never part of what is normal.
    const previous = await tx.profileRun.findMany({
      where: { definitionId: d.id, status: "succeeded", id: { not: claimed.runId }, rowsDone: { gt: 0 } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: d.baselineRuns,
      select: { rowsDone: true, columns: { select: { profile: true } } },
    });
    const before = previous.map((r) => snapshotOf(r.rowsDone, r.columns));
    const current: TRunSnapshot = { rows: report.rows, columns: report.columns };
    const found = detectAnomalies(current, before.length ? computeBaseline(before) : null, thresholdsOf(d.thresholds));
    const at = now();
    if (report.columns.length)
      await tx.profileColumnResult.createMany({
        data: report.columns.map((c) => ({
          runId: claimed.runId,
          name: c.name,
          type: c.type,
          nulls: c.nulls,
          nullRate: c.nullRate,
          distinct: c.distinct,
          profile: c as unknown as Prisma.InputJsonValue,
        })),
      });
    await tx.profileRun.update({
      where: { id: claimed.runId },
      data: {
        status: "succeeded",
        rowsDone: report.rows,
        rowsTotal: rowsTotal === null ? report.rows : Math.max(rowsTotal, report.rows),
        finishedAt: at,
        error: null,
      },
    });
    const alerts = await syncAlerts(tx, d, found, at);
    if (found.length)
      await tx.profileAnomaly.createMany({
        data: found.map((a) => ({
          definitionId: d.id,
          runId: claimed.runId,
          kind: a.kind,
          column: a.column,
          severity: a.severity,
          message: a.message,
          details: a.details as Prisma.InputJsonValue,
          alertId: alerts.get(profileAlertKey(d.id, a.kind, a.column)) ?? null,
        })),
      });
    // The rolling baseline now includes this run.
    const window = (current.rows > 0 ? [current, ...before] : before).slice(0, d.baselineRuns);
    const stats = computeBaseline(window);
    await tx.profileBaseline.upsert({
      where: { definitionId: d.id },
      create: { definitionId: d.id, runs: stats.runs, stats: stats as unknown as Prisma.InputJsonValue },
      update: { runs: stats.runs, stats: stats as unknown as Prisma.InputJsonValue },
    });
    return found.length;
  }, 60_000);
}

export type TRunOptions = {
  log?: TLog;
  /** The clock for finishedAt (tests). */
  clock?: () => Date;
  batchRows?: number;
  progressEvery?: number;
};

/** Profiles one claimed run to the end; never throws (a failure is the run's status and safe text). */
async function execute(claimed: TClaimed, opts: TRunOptions): Promise<"succeeded" | "failed"> {
  const d = claimed.definition;
  const log = opts.log ?? silent;
  const clock = opts.clock ?? (() => new Date());
  const bounds = (d.bounds ?? {}) as Record<string, TBounds>;
  const def = { ...d, bounds };
  const progress: TProgress = async (rowsDone, rowsTotal) => {
    await db().profileRun.update({ where: { id: claimed.runId }, data: { rowsDone, rowsTotal } });
  };
  try {
    let rowsTotal: number | null;
    let profiler: Profiler;
    if (d.targetKind === "stream") {
      profiler = new Profiler({ mode: "json", bounds });
      ({ rowsTotal } = await profileStream(def, claimed.window!, profiler, progress));
    } else {
      profiler = new Profiler({ mode: "inferred", bounds });
      ({ rowsTotal } = await profileTable(def, profiler, progress, opts));
    }
    const anomalies = await finishProfileRun(claimed, profiler, rowsTotal, clock);
    log.info({ definitionId: d.id, runId: claimed.runId, rows: profiler.rows, anomalies }, "profiling run done");
    return "succeeded";
  } catch (error) {
    log.warn({ err: String(error), definitionId: d.id, runId: claimed.runId }, "profiling run failed");
    await db()
      .profileRun.update({
        where: { id: claimed.runId },
        data: { status: "failed", finishedAt: clock(), error: safeRunError(error) },
      })
      .catch((e) => log.error({ err: String(e), runId: claimed.runId }, "profiling: could not record the failure"));
    return "failed";
  }
}

/** The job: runs every due definition (at most MAX_PER_PASS per pass). */
export async function runDueProfiles(
  now: Date,
  opts: TRunOptions = {},
): Promise<{ ran: number; succeeded: number; failed: number; stale: number }> {
  const out = { ran: 0, succeeded: 0, failed: 0, stale: await failStaleRuns(now) };
  for (let i = 0; i < MAX_PER_PASS; i++) {
    const claimed = await claimOne(now);
    if (!claimed) break;
    out.ran++;
    out[await execute(claimed, opts)]++;
  }
  return out;
}
