import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth";
import { transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZActionItemId } from "@/lib/validation/health";
import { appendAudit } from "../audit";
import { canChangeActionItem } from "./can-act";

type TActionItemState = { id: string; assessmentId: string; status: "open" | "done" };

async function setStatus(actor: Actor, raw: { id: string }, to: "open" | "done", now: Date): Promise<TActionItemState> {
  assertCan(actor, "catalog:read");
  const { id } = ZActionItemId.parse(raw);
  return transaction(async (tx) => {
    const item = await tx.healthActionItem.findUnique({
      where: { id },
      include: { assessment: { select: { assigneeId: true } } },
    });
    if (!item) throw new AppError("NOT_FOUND", "The action item was not found.");
    if (!canChangeActionItem(actor, item))
      throw new AppError(
        "FORBIDDEN",
        "Only the item's owner, the assessment's assignee or a catalog editor may change it.",
      );
    // Conditional on the current status: a second click (or a second tab) changes nothing.
    const changed = await tx.healthActionItem.updateMany({
      where: { id, status: to === "done" ? "open" : "done" },
      data:
        to === "done"
          ? { status: "done", doneAt: now, doneById: actor.id }
          : { status: "open", doneAt: null, doneById: null },
    });
    if (changed.count)
      await appendAudit(tx, {
        actor,
        action: to === "done" ? "health.action.close" : "health.action.reopen",
        entityType: "HealthActionItem",
        entityId: id,
        before: { status: item.status },
        after: { status: to, title: item.title },
      });
    return { id, assessmentId: item.assessmentId, status: to };
  });
}

export const closeActionItem = (actor: Actor, raw: { id: string }, now: Date = new Date()) =>
  setStatus(actor, raw, "done", now);

export const reopenActionItem = (actor: Actor, raw: { id: string }, now: Date = new Date()) =>
  setStatus(actor, raw, "open", now);
