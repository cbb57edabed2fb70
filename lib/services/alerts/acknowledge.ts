import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction } from "@/lib/db";
import { ZAlertIds } from "@/lib/validation/alerts";
import { appendAudit } from "../audit";

export type AlertBatchResult = { done: string[]; skipped: { id: string; reason: string }[] };

/**
 * Acknowledges open alerts: someone owns them now. The alert keeps its openKey, so the engine's next
 * check of the same condition finds it and raises no second alert; it resolves when the condition clears.
 * The status guard is in the UPDATE, so an alert the engine resolved meanwhile is skipped, not reopened.
 */
export async function acknowledgeAlerts(actor: Actor, raw: unknown): Promise<AlertBatchResult> {
  assertCan(actor, "flow:operate");
  const { ids } = ZAlertIds.parse(raw);
  return transaction(async (tx) => {
    const found = new Map(
      (await tx.alert.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } })).map((a) => [
        a.id,
        a,
      ]),
    );
    const result: AlertBatchResult = { done: [], skipped: [] };
    const open: string[] = [];
    for (const id of ids) {
      const a = found.get(id);
      if (!a) result.skipped.push({ id, reason: "not found" });
      else if (a.status !== "open") result.skipped.push({ id, reason: `already ${a.status}` });
      else open.push(id);
    }
    const at = new Date();
    const updated = open.length
      ? await tx.alert.updateManyAndReturn({
          where: { id: { in: open }, status: "open" },
          data: { status: "acknowledged", acknowledgedBy: actor.email, acknowledgedAt: at },
          select: { id: true },
        })
      : [];
    const marked = new Set(updated.map((u) => u.id));
    for (const id of open) {
      if (!marked.has(id)) {
        result.skipped.push({ id, reason: "changed meanwhile" });
        continue;
      }
      await appendAudit(tx, {
        actor,
        action: "alert.acknowledge",
        entityType: "Alert",
        entityId: id,
        before: { status: "open" },
        after: { status: "acknowledged", acknowledgedBy: actor.email, acknowledgedAt: at.toISOString() },
      });
      result.done.push(id);
    }
    return result;
  });
}
