import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

export type BacklogQueue = {
  queue: string;
  /** "input": the queue the flow's input consumes; "direct": the deployment's own queue (replays, fire-and-forget gateway calls). */
  role: "input" | "direct";
  transport: "postgres" | "rabbitmq";
  depth: number;
  measuredAt: string;
};

export type BacklogRow = {
  environmentId: string;
  environmentKey: string;
  /** Messages waiting on all of the deployment's queues at their last measurement. */
  depth: number;
  /** The oldest reading among the queues: the total is at least this fresh. */
  measuredAt: string;
  /** Age of `measuredAt` when this was read, for "measured 5 s ago". */
  ageSeconds: number;
  /** No engine has measured these queues recently (engine down, or the deployment is stopped). */
  isStale: boolean;
  queues: BacklogQueue[];
};

/** Readings older than a few engine flush intervals no longer describe the queue. */
function staleAfterMs(): number {
  return Math.max(30_000, 3 * env().ENGINE_METRICS_FLUSH_MS);
}

/**
 * Backlog per environment of the flow's active deployments, as the engine last measured it on its
 * transport (Postgres rows or RabbitMQ queue counts) and stored in QueueDepth. An environment the
 * engine has not measured yet has no row.
 */
export async function flowBacklog(actor: Actor, flowId: string, now = Date.now()): Promise<BacklogRow[]> {
  assertCan(actor, "flow:read");
  const deployments = await db().deployment.findMany({
    where: { flowId, activeSlot: { not: null } },
    select: {
      environmentId: true,
      environment: { select: { key: true, sortOrder: true } },
      flowVersion: { select: { spec: true } },
    },
    orderBy: { environment: { sortOrder: "asc" } },
  });
  if (!deployments.length) return [];
  const readings = await db().queueDepth.findMany({
    where: { flowId, environmentId: { in: deployments.map((d) => d.environmentId) } },
    orderBy: { queue: "asc" },
  });
  const staleAt = now - staleAfterMs();
  return deployments.flatMap((d) => {
    const rows = readings.filter((r) => r.environmentId === d.environmentId);
    if (!rows.length) return [];
    const inputQueue = queueInputOf(d.flowVersion.spec);
    const queues: BacklogQueue[] = rows
      .map((r) => ({
        queue: r.queue,
        role: r.queue === inputQueue ? ("input" as const) : ("direct" as const),
        transport: r.transport,
        depth: r.depth,
        measuredAt: r.measuredAt.toISOString(),
      }))
      .sort((a, b) => (a.role === b.role ? a.queue.localeCompare(b.queue) : a.role === "input" ? -1 : 1));
    const oldest = Math.min(...rows.map((r) => r.measuredAt.getTime()));
    return [
      {
        environmentId: d.environmentId,
        environmentKey: d.environment.key,
        depth: rows.reduce((a, r) => a + r.depth, 0),
        measuredAt: new Date(oldest).toISOString(),
        ageSeconds: Math.max(0, Math.round((now - oldest) / 1000)),
        isStale: oldest < staleAt,
        queues,
      },
    ];
  });
}

function queueInputOf(spec: unknown): string | null {
  const input = (spec as { input?: { use?: string; config?: { queue?: unknown } } } | null)?.input;
  return input?.use === "queue" && typeof input.config?.queue === "string" ? input.config.queue : null;
}
