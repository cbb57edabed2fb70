import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db } from "@/lib/db";
import { POLLING_INPUTS, pollStateKey } from "@/lib/engine/core/poll-key";
import { ZFlowSpec } from "@/lib/validation/flow-spec";

export type PollPosition = {
  environmentId: string;
  /** The committed watermark, cursor or ETag as JSON; null until the first batch is committed. */
  position: string | null;
  committedAt: string | null;
  /** Host and process of the engine holding the lease, while it holds it. */
  polledBy: string | null;
};

/**
 * Where each active deployment with a polling input has got to (PollState, written by the engine
 * once a batch is fully processed) and which engine polls it. Deployments whose input has not polled
 * yet have no entry.
 */
export async function flowPollPositions(actor: Actor, flowId: string, now = new Date()): Promise<PollPosition[]> {
  assertCan(actor, "flow:read");
  const deployments = await db().deployment.findMany({
    where: { flowId, activeSlot: { not: null } },
    select: { environmentId: true, flowVersion: { select: { spec: true } } },
  });
  const keys = new Map<string, string>();
  for (const d of deployments) {
    const spec = ZFlowSpec.safeParse(d.flowVersion.spec);
    if (spec.success && POLLING_INPUTS.has(spec.data.input.use))
      keys.set(pollStateKey(flowId, d.environmentId, spec.data.input), d.environmentId);
  }
  if (!keys.size) return [];
  const rows = await db().pollState.findMany({ where: { key: { in: [...keys.keys()] } } });
  return rows.map((r) => ({
    environmentId: keys.get(r.key)!,
    position: r.position === null ? null : JSON.stringify(r.position),
    committedAt: r.position === null ? null : r.updatedAt.toISOString(),
    polledBy: r.owner && r.leaseUntil && r.leaseUntil > now ? r.owner.split(":").slice(0, 2).join(" pid ") : null,
  }));
}
