import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db } from "@/lib/db";

export type BacklogRow = { environmentId: string; environmentKey: string; queue: string; depth: number };

/**
 * Messages waiting (or in flight) on the queues the flow's active deployments consume, from the Postgres
 * transport's table. Flows whose input is not a queue (HTTP, polling) have no backlog to show.
 */
export async function flowBacklog(actor: Actor, flowId: string): Promise<BacklogRow[]> {
  assertCan(actor, "flow:read");
  const deployments = await db().deployment.findMany({
    where: { flowId, activeSlot: { not: null } },
    select: { environmentId: true, environment: { select: { key: true } }, flowVersion: { select: { spec: true } } },
  });
  const wanted = deployments.flatMap((d) => {
    const input = (d.flowVersion.spec as { input?: { use?: string; config?: { queue?: unknown } } } | null)?.input;
    return input?.use === "queue" && typeof input.config?.queue === "string" ? [{ environmentId: d.environmentId, environmentKey: d.environment.key, queue: input.config.queue }] : [];
  });
  if (!wanted.length) return [];
  const counts = await db().queueMessage.groupBy({ by: ["queue"], where: { queue: { in: wanted.map((w) => w.queue) } }, _count: { _all: true } });
  const byQueue = new Map(counts.map((c) => [c.queue, c._count._all]));
  return wanted.map((w) => ({ ...w, depth: byQueue.get(w.queue) ?? 0 }));
}
