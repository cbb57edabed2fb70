import "server-only";
import type { Tx } from "@/lib/db";
import { BUCKET_COUNT, percentileFromBuckets } from "@/lib/engine/metrics/buckets";
import type { TSignalSubject } from "./types";

export type TTrafficWindow = {
  ok: number;
  failed: number;
  deadLettered: number;
  filtered: number;
  /** ok + failed + dead-lettered: the runs that reached an outcome (filtered ones did their job). */
  finished: number;
  /** Merged latency histogram over the window (lib/engine/metrics/buckets bounds). */
  buckets: number[];
};

/** Whole-flow minute rollups (step "") summed over [from, to): one aggregate query, never a scan of runs. */
export async function trafficWindow(tx: Tx, subject: TSignalSubject, from: Date, to: Date): Promise<TTrafficWindow> {
  const empty = {
    ok: 0,
    failed: 0,
    deadLettered: 0,
    filtered: 0,
    finished: 0,
    buckets: new Array<number>(BUCKET_COUNT).fill(0),
  };
  if (!subject.flowIds.length) return empty;
  const rows = await tx.$queryRaw<
    { ok: bigint | null; failed: bigint | null; dl: bigint | null; filtered: bigint | null; buckets: number[] | null }[]
  >`
    SELECT sum("countOk") AS ok, sum("countFailed") AS failed, sum("countDeadLettered") AS dl,
           sum("countFiltered") AS filtered,
           (SELECT array_agg(s ORDER BY i) FROM (
              SELECT i, sum(b)::int AS s FROM "MetricMinute" m2, unnest(m2."latencyBuckets") WITH ORDINALITY AS u(b, i)
              WHERE m2."flowId" = ANY(${subject.flowIds}) AND m2."environmentId" = ${subject.environmentId}
                AND m2."step" = '' AND m2."minute" >= ${from} AND m2."minute" < ${to}
              GROUP BY i) t) AS buckets
    FROM "MetricMinute"
    WHERE "flowId" = ANY(${subject.flowIds}) AND "environmentId" = ${subject.environmentId}
      AND "step" = '' AND "minute" >= ${from} AND "minute" < ${to}`;
  const r = rows[0];
  if (!r) return empty;
  const ok = Number(r.ok ?? 0);
  const failed = Number(r.failed ?? 0);
  const deadLettered = Number(r.dl ?? 0);
  const buckets = empty.buckets.map((_, i) => r.buckets?.[i] ?? 0);
  return { ok, failed, deadLettered, filtered: Number(r.filtered ?? 0), finished: ok + failed + deadLettered, buckets };
}

export const errorRateOf = (w: TTrafficWindow) => (w.finished ? (w.failed + w.deadLettered) / w.finished : null);
export const p95Of = (w: TTrafficWindow) => percentileFromBuckets(w.buckets, 0.95);

/** The latest gauge (dlqDepth or backlogDepth) at or before `at`, summed over the subject's flows. */
export async function latestGauge(
  tx: Tx,
  subject: TSignalSubject,
  column: "dlqDepth" | "backlogDepth",
  at: Date,
  lookbackMs: number,
): Promise<number | null> {
  if (!subject.flowIds.length) return null;
  const from = new Date(at.getTime() - lookbackMs);
  const rows = await tx.metricMinute.findMany({
    where: {
      flowId: { in: subject.flowIds },
      environmentId: subject.environmentId,
      step: "",
      minute: { gte: from, lte: at },
      [column]: { not: null },
    },
    orderBy: { minute: "desc" },
    distinct: ["flowId"],
    select: { dlqDepth: true, backlogDepth: true },
  });
  if (!rows.length) return null;
  return rows.reduce((a, r) => a + (r[column] ?? 0), 0);
}
