import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { scheduleIssues, toFieldErrors, ZRescheduleSunset } from "@/lib/validation/retirements";
import { appendAudit } from "../audit";
import { assertOpen, lockRetirement, notifyFollowers } from "./load";
import { utc } from "./timeline";

/** Moves the sunset (into the future, after every brownout); those notified hear the new date. */
export async function rescheduleSunset(actor: Actor, raw: unknown, now = new Date()): Promise<{ sunsetAt: Date }> {
  assertCan(actor, "catalog:retire");
  const input = ZRescheduleSunset.parse(raw);
  return transaction(async (tx) => {
    const r = await lockRetirement(tx, input.retirementId);
    assertOpen(r, "move the sunset");
    const issues = scheduleIssues({ sunsetAt: input.sunsetAt, brownouts: [], now });
    const late = r.brownouts.at(-1);
    if (late && late.endsAt.getTime() > input.sunsetAt.getTime())
      issues.push({
        path: "sunsetAt",
        message: `A brownout runs until ${utc(late.endsAt)}; move the sunset after it or remove the brownout first.`,
      });
    if (issues.length) throw new AppError("VALIDATION", issues[0]!.message, { fieldErrors: toFieldErrors(issues) });
    await tx.retirement.update({ where: { id: r.id }, data: { sunsetAt: input.sunsetAt } });
    await notifyFollowers(tx, actor, r, {
      step: `sunset:${input.sunsetAt.toISOString()}`,
      title: `New sunset for ${r.subjectName}: ${utc(input.sunsetAt)}`,
      body: `It was ${utc(r.sunsetAt)}.`,
    });
    await appendAudit(tx, {
      actor,
      action: "retirement.reschedule",
      entityType: "Retirement",
      entityId: r.id,
      before: { sunsetAt: r.sunsetAt.toISOString() },
      after: { sunsetAt: input.sunsetAt.toISOString() },
    });
    return { sunsetAt: input.sunsetAt };
  });
}
