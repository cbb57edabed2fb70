import "server-only";
import type { Tx } from "@/lib/db";
import { env } from "@/lib/env";

// What the engine counts as waiting in the channel (lib/engine/runtime/dead-letters.ts PENDING_STATUSES).
const WAITING = ["pending", "replay_requested"] as const;

type AlertCondition = { kind: string; flowId: string | null; environmentId: string | null; details: unknown };

/** The threshold the engine raised the alert at (kept in its details), else the engine's current setting. */
export function thresholdOf(details: unknown): number {
  const t = (details as { threshold?: unknown } | null)?.threshold;
  return typeof t === "number" && t > 0 ? t : env().ENGINE_DLQ_ALERT_THRESHOLD;
}

const pairKey = (flowId: string, environmentId: string) => `${flowId}|${environmentId}`;

/** Dead letters waiting now per flow and environment of the given dlq_growth alerts, in one query. */
export async function waitingDeadLetters(tx: Tx, alerts: readonly AlertCondition[]): Promise<Map<string, number>> {
  const dlq = alerts.filter((a) => a.kind === "dlq_growth" && a.flowId && a.environmentId);
  if (!dlq.length) return new Map();
  const counts = await tx.deadLetter.groupBy({
    by: ["flowId", "environmentId"],
    where: {
      status: { in: [...WAITING] },
      OR: dlq.map((a) => ({ flowId: a.flowId!, environmentId: a.environmentId! })),
    },
    _count: { _all: true },
  });
  return new Map(counts.map((c) => [pairKey(c.flowId, c.environmentId), c._count._all]));
}

export function waitingFor(waiting: Map<string, number>, a: AlertCondition): number | null {
  if (a.kind !== "dlq_growth" || !a.flowId || !a.environmentId) return null;
  return waiting.get(pairKey(a.flowId, a.environmentId)) ?? 0;
}

/**
 * Why the alert cannot be resolved by hand, or null when it can. A dlq_growth alert whose channel still
 * holds the threshold or more would be raised again by the engine's next check (resolving frees its
 * openKey), so it stays until the letters are replayed or discarded below the threshold.
 */
export function resolveBlocker(a: AlertCondition, waiting: number | null): string | null {
  if (a.kind !== "dlq_growth" || waiting === null) return null;
  const threshold = thresholdOf(a.details);
  if (waiting < threshold) return null;
  return `${waiting} dead letter${waiting === 1 ? " is" : "s are"} still waiting (the alert threshold is ${threshold}), so the engine would raise this alert again at once. Replay or discard them first; the alert resolves itself when the channel drains.`;
}
