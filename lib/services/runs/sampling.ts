import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db } from "@/lib/db";
import { sampledIn } from "@/lib/engine/core/lineage-sample";
import type { TLineageLevel } from "@/lib/validation/flow-spec";
import { lineageOf } from "../flows/deployments";

// Why a search for a message finds no run: flows deployed below lineage level `full` keep successful runs
// only when sampled in, decided by a hash of the message id (lib/engine/core/lineage-sample.ts), so the
// portal can say for each such flow whether this message's successful run would have been kept.

export type TUnsampledFlow = {
  flowId: string;
  flowName: string;
  environmentKey: string;
  level: Exclude<TLineageLevel, "full">;
  sampleRate: number;
  /** Whether a successful run of this message id is in the flow's sample (false: it left no run). */
  sampledIn: boolean;
};

/** Active deployments whose lineage level is not `full`, with the sampling decision for `messageId`. */
export async function lineageSamplingFor(
  actor: Actor,
  messageId: string,
  only: { flowId?: string } = {},
): Promise<TUnsampledFlow[]> {
  assertCan(actor, "flow:read");
  const deployments = await db().deployment.findMany({
    where: { activeSlot: { not: null }, ...(only.flowId ? { flowId: only.flowId } : {}) },
    select: {
      flowId: true,
      flow: { select: { name: true } },
      environment: { select: { key: true } },
      flowVersion: { select: { spec: true } },
    },
    orderBy: [{ flowId: "asc" }, { environmentId: "asc" }],
  });
  const out: TUnsampledFlow[] = [];
  for (const d of deployments) {
    // Only the policy's lineage is read (a whole-spec parse per deployment would cost more than the query).
    const { level, sampleRate } = lineageOf(d.flowVersion.spec);
    if (level === "full") continue;
    out.push({
      flowId: d.flowId,
      flowName: d.flow.name,
      environmentKey: d.environment.key,
      level,
      sampleRate,
      sampledIn: sampledIn(messageId, sampleRate),
    });
  }
  return out;
}
