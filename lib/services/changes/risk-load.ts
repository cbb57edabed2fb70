import "server-only";
import type { Tx } from "@/lib/db";
import { trafficWindow } from "@/lib/services/signals";
import { unionImpact, type TResolvedItem } from "./items";
import type { TRiskPolicy } from "./policy";
import { scoreRisk, type TRiskResult } from "./risk";

const DAY = 86_400_000;

/**
 * Reads the risk inputs: impact from the kinds, classification from data domains, health from the engine's
 * minute rollups and pending dead letters (flows only: other kinds carry no traffic of their own), and
 * the items' changes that ended rolled back or were rolled back automatically in the last 90 days.
 */
export async function assessRisk(
  tx: Tx,
  policy: TRiskPolicy,
  environmentId: string,
  items: Pick<TResolvedItem, "kind" | "itemId" | "diffSize" | "impact">[],
  now: Date,
  excludeChangeId?: string,
): Promise<TRiskResult> {
  const impact = unionImpact(items);
  const domains = impact.dataDomainIds.length
    ? await tx.dataDomain.findMany({ where: { id: { in: impact.dataDomainIds } }, select: { classification: true } })
    : [];
  const flowIds = items.filter((i) => i.kind === "flow").map((i) => i.itemId);
  const health = await flowHealth(tx, flowIds, environmentId, now);
  const failures = await tx.changeRequest.count({
    where: {
      id: excludeChangeId ? { not: excludeChangeId } : undefined,
      createdAt: { gte: new Date(now.getTime() - 90 * DAY) },
      items: { some: { OR: items.map((i) => ({ kind: i.kind, itemId: i.itemId })) } },
      OR: [{ status: "rolled_back" }, { source: "engine", rollbackOfId: { not: null } }],
    },
  });
  return scoreRisk(
    {
      impact: { systems: impact.systems.length, interfaces: impact.interfaces.length, flows: impact.flows.length },
      classifications: domains.map((d) => d.classification),
      health,
      fieldsChanged: items.reduce((a, i) => a + i.diffSize, 0),
      recentFailures: failures,
    },
    policy.weights,
    policy,
  );
}

/** Error rate over the last 24h from the shared signal read of the minute rollups, never from runs. */
export async function flowHealth(tx: Tx, flowIds: string[], environmentId: string, now: Date) {
  if (!flowIds.length) return { finished: 0, failed: 0, pendingDeadLetters: 0 };
  const w = await trafficWindow(tx, { flowIds, environmentId }, new Date(now.getTime() - DAY), now);
  const pendingDeadLetters = await tx.deadLetter.count({
    where: { flowId: { in: flowIds }, environmentId, status: "pending" },
  });
  return { finished: w.finished, failed: w.failed + w.deadLettered, pendingDeadLetters };
}
