import type pg from "pg";
import type { TTransportKind } from "@/lib/engine/transports/types";
import type { TFlowGauge } from "./rollup";

/** One queue's backlog as the transport reported it, and the deployment (flow × environment) consuming it. */
export type TQueueReading = { queue: string; flowId: string; environmentId: string; depth: number };

/**
 * Upserts the latest readings into QueueDepth (one row per queue and environment), stamped with the
 * database clock so `measuredAt` is comparable across engines, and drops the rows of queues those
 * deployments no longer consume. Rows are written in key order, so two engines flushing the same
 * queues at once lock them in the same order and cannot deadlock.
 */
export async function recordQueueDepths(
  pool: pg.Pool,
  transport: TTransportKind,
  readings: TQueueReading[],
): Promise<number> {
  const byKey = new Map<string, TQueueReading>();
  for (const r of readings) byKey.set(`${r.queue}\u0000${r.environmentId}`, r);
  if (!byKey.size) return 0;
  const rows = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  const result = await pool.query(
    `INSERT INTO "QueueDepth" ("queue", "environmentId", "flowId", "transport", "depth", "measuredAt")
     SELECT u.queue, u.env, u.flow, $4::"TransportKind", u.depth, now()
     FROM unnest($1::text[], $2::text[], $3::text[], $5::int[]) WITH ORDINALITY AS u(queue, env, flow, depth, ord)
     ORDER BY u.ord
     ON CONFLICT ("queue", "environmentId") DO UPDATE SET
       "flowId" = EXCLUDED."flowId",
       "transport" = EXCLUDED."transport",
       "depth" = EXCLUDED."depth",
       "measuredAt" = EXCLUDED."measuredAt"`,
    [
      rows.map((r) => r.queue),
      rows.map((r) => r.environmentId),
      rows.map((r) => r.flowId),
      transport,
      rows.map((r) => r.depth),
    ],
  );
  // A deployment whose input queue changed (a new version) leaves the old queue's row behind: drop
  // rows of the measured deployments for queues they no longer consume.
  await pool.query(
    `DELETE FROM "QueueDepth" d
     USING (SELECT DISTINCT flow, env FROM unnest($1::text[], $2::text[]) AS p(flow, env)) p
     WHERE d."flowId" = p.flow AND d."environmentId" = p.env
       AND NOT EXISTS (SELECT 1 FROM unnest($3::text[], $2::text[]) AS m(queue, env) WHERE m.queue = d."queue" AND m.env = d."environmentId")`,
    [rows.map((r) => r.flowId), rows.map((r) => r.environmentId), rows.map((r) => r.queue)],
  );
  return result.rowCount ?? 0;
}

/** Total backlog per flow and environment (input queue + direct queue), for the minute rollup. */
export function backlogPerFlow(readings: TQueueReading[]): TFlowGauge[] {
  const seen = new Set<string>();
  const totals = new Map<string, TFlowGauge>();
  for (const r of readings) {
    // A queue counted once per deployment, even when the input queue is also the direct queue.
    const queueKey = `${r.flowId}|${r.environmentId}|${r.queue}`;
    if (seen.has(queueKey)) continue;
    seen.add(queueKey);
    const key = `${r.flowId}|${r.environmentId}`;
    const t = totals.get(key) ?? { flowId: r.flowId, environmentId: r.environmentId, depth: 0 };
    t.depth += r.depth;
    totals.set(key, t);
  }
  return [...totals.values()];
}
