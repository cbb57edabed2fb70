import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZAlertId } from "@/lib/validation/alerts";
import { appendAudit } from "../audit";
import { resolveBlocker, waitingDeadLetters, waitingFor } from "./condition";

/**
 * Resolves an open or acknowledged alert whose condition has cleared. Resolving frees the openKey, so
 * the next occurrence of the condition raises a new alert; that is why an alert whose condition still
 * holds (see resolveBlocker) is refused rather than resolved and raised again.
 */
export async function resolveAlert(actor: Actor, raw: unknown): Promise<{ id: string }> {
  assertCan(actor, "flow:operate");
  const { id } = ZAlertId.parse(raw);
  return transaction(async (tx) => {
    const a = await tx.alert.findUnique({ where: { id } });
    if (!a) throw new AppError("NOT_FOUND", "That alert does not exist.");
    if (a.status === "resolved") throw new AppError("CONFLICT", "This alert is already resolved.");
    const blocker = resolveBlocker(a, waitingFor(await waitingDeadLetters(tx, [a]), a));
    if (blocker) throw new AppError("CONFLICT", blocker);
    const at = new Date();
    const r = await tx.alert.updateMany({
      where: { id, status: a.status },
      data: { status: "resolved", resolvedAt: at, openKey: null },
    });
    if (!r.count) throw new AppError("CONFLICT", "This alert changed meanwhile; reload and try again.");
    await appendAudit(tx, {
      actor,
      action: "alert.resolve",
      entityType: "Alert",
      entityId: id,
      before: { status: a.status },
      after: { status: "resolved", resolvedAt: at.toISOString() },
    });
    return { id };
  });
}
