import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { scheduleIssues, toFieldErrors, ZAddBrownout, ZRemoveBrownout } from "@/lib/validation/retirements";
import { appendAudit } from "../audit";
import { assertOpen, lockRetirement, notifyFollowers } from "./load";
import { utc } from "./timeline";

/** Adds a brownout window (before the sunset, overlapping no other); those notified hear of it. */
export async function addBrownout(actor: Actor, raw: unknown, now = new Date()): Promise<{ id: string }> {
  assertCan(actor, "catalog:retire");
  const input = ZAddBrownout.parse(raw);
  return transaction(async (tx) => {
    const r = await lockRetirement(tx, input.retirementId);
    assertOpen(r, "add a brownout");
    const window = { startsAt: input.startsAt, endsAt: input.endsAt };
    const issues = scheduleIssues({ sunsetAt: r.sunsetAt, brownouts: [window], existing: r.brownouts, now, path: "" });
    if (issues.length) throw new AppError("VALIDATION", issues[0]!.message, { fieldErrors: toFieldErrors(issues) });
    const created = await tx.retirementBrownout.create({
      data: { retirementId: r.id, ...window },
      select: { id: true },
    });
    const span = `${utc(window.startsAt)} – ${utc(window.endsAt)}`;
    await notifyFollowers(tx, actor, r, {
      step: `brownout:${created.id}`,
      title: `Brownout of ${r.subjectName}: ${span}`,
      body: `Calls are answered 503 with Retry-After during the window. Sunset ${utc(r.sunsetAt)}.`,
    });
    await appendAudit(tx, {
      actor,
      action: "retirement.brownout.add",
      entityType: "Retirement",
      entityId: r.id,
      after: { brownoutId: created.id, startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString() },
    });
    return created;
  });
}

/** Removes a brownout window, also one running now (that ends it early). */
export async function removeBrownout(actor: Actor, raw: unknown): Promise<{ removed: true }> {
  assertCan(actor, "catalog:retire");
  const input = ZRemoveBrownout.parse(raw);
  return transaction(async (tx) => {
    const r = await lockRetirement(tx, input.retirementId);
    assertOpen(r, "remove a brownout");
    const window = r.brownouts.find((b) => b.id === input.brownoutId);
    if (!window) throw new AppError("NOT_FOUND", "That brownout window does not exist on this retirement.");
    await tx.retirementBrownout.delete({ where: { id: window.id } });
    await appendAudit(tx, {
      actor,
      action: "retirement.brownout.remove",
      entityType: "Retirement",
      entityId: r.id,
      before: { brownoutId: window.id, startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString() },
    });
    return { removed: true as const };
  });
}
