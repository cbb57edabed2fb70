import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db } from "@/lib/db";
import { ZMetricsQuery } from "@/lib/validation/flows";

export type MetricPoint = {
  minute: string;
  throughput: number;
  ok: number;
  failed: number;
  filtered: number;
  deadLettered: number;
  /** Percent of finished messages that succeeded; null for a minute without traffic. */
  successRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  dlqDepth: number | null;
  /** Messages waiting on the flow's queues when the engine last flushed in that minute; null when not measured. */
  backlogDepth: number | null;
};

export type FlowMetrics = {
  environmentId: string;
  points: MetricPoint[];
  totals: { throughput: number; ok: number; failed: number; deadLettered: number; successRate: number | null };
};

const MINUTE = 60_000;

/**
 * Minute series for the flow's charts, from the engine's MetricMinute rollups (flow rows: step = "").
 * Minutes without a row are zero-filled so the charts show gaps in traffic as drops, not as lines.
 */
export async function flowMetrics(actor: Actor, raw: unknown): Promise<FlowMetrics | null> {
  assertCan(actor, "flow:read");
  const input = ZMetricsQuery.parse(raw);
  const environmentId = input.environmentId ?? (await defaultEnvironment(input.flowId));
  if (!environmentId) return null;
  const end = Math.floor(Date.now() / MINUTE) * MINUTE;
  const start = end - (input.minutes - 1) * MINUTE;
  const rows = await db().metricMinute.findMany({
    where: { flowId: input.flowId, environmentId, step: "", minute: { gte: new Date(start) } },
    orderBy: { minute: "asc" },
  });
  const byMinute = new Map(rows.map((r) => [r.minute.getTime(), r]));
  const points: MetricPoint[] = [];
  let lastDepth: number | null = null;
  for (let t = start; t <= end; t += MINUTE) {
    const r = byMinute.get(t);
    const ok = r?.countOk ?? 0;
    const failed = r?.countFailed ?? 0;
    const filtered = r?.countFiltered ?? 0;
    const deadLettered = r?.countDeadLettered ?? 0;
    const finished = ok + failed + deadLettered;
    lastDepth = r?.dlqDepth ?? lastDepth;
    points.push({
      minute: new Date(t).toISOString(),
      throughput: ok + failed + filtered + deadLettered,
      ok,
      failed,
      filtered,
      deadLettered,
      successRate: finished ? round((ok / finished) * 100) : null,
      p50Ms: r?.p50Ms ?? null,
      p95Ms: r?.p95Ms ?? null,
      p99Ms: r?.p99Ms ?? null,
      dlqDepth: lastDepth,
      // Not carried forward: a minute without a reading (engine down, flow not deployed) is a gap, not a level.
      backlogDepth: r?.backlogDepth ?? null,
    });
  }
  const sum = (k: "throughput" | "ok" | "failed" | "deadLettered") => points.reduce((a, p) => a + p[k], 0);
  const finished = sum("ok") + sum("failed") + sum("deadLettered");
  return {
    environmentId,
    points,
    totals: {
      throughput: sum("throughput"),
      ok: sum("ok"),
      failed: sum("failed"),
      deadLettered: sum("deadLettered"),
      successRate: finished ? round((sum("ok") / finished) * 100) : null,
    },
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The first environment (dev, test, prod order) where the flow is deployed. */
async function defaultEnvironment(flowId: string): Promise<string | null> {
  const d = await db().deployment.findFirst({
    where: { flowId, activeSlot: { not: null } },
    orderBy: { environment: { sortOrder: "asc" } },
    select: { environmentId: true },
  });
  return d?.environmentId ?? null;
}
