import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { AppError } from "@/lib/errors";
import { ZApplyObservedFiguresInput } from "@/lib/validation/portfolio";
import { getProcessOrThrow, updateProcess } from "../inventory";
import { unsafeReadObservedFigures } from "./get-observed-figures";

export type TAppliedFigures = {
  processId: string;
  before: { volumePerMonth: number; errorRatePct: number };
  after: { volumePerMonth: number; errorRatePct: number };
};

/**
 * Writes a process's observed volume and error rate into the inventory through the inventory's own update
 * (validation, audit entry with before and after). The figures are recomputed here and must equal the
 * ones the facilitator confirmed: a day rolling over in between asks them to look again.
 */
export async function applyObservedFigures(
  actor: Actor,
  raw: unknown,
  opts: { now?: Date } = {},
): Promise<TAppliedFigures> {
  assertCan(actor, "inventory:edit");
  const input = ZApplyObservedFiguresInput.parse(raw);
  const current = await unsafeReadObservedFigures(input.processId, opts.now ?? new Date());
  if (!current.observed)
    throw new AppError("PRECONDITION_FAILED", "This process has no full day of production traffic to go on yet.");
  if (current.observed.volumePerMonth !== input.volumePerMonth || current.observed.errorRatePct !== input.errorRatePct)
    throw new AppError(
      "CONFLICT",
      `The observed figures have changed since you looked (now ${current.observed.volumePerMonth} per month, ${current.observed.errorRatePct} %). Reload the page and confirm again.`,
    );
  const p = await getProcessOrThrow(actor, input.processId);
  await updateProcess(actor, {
    id: p.id,
    name: p.name,
    department: p.department,
    ownerEmail: p.ownerEmail,
    ownerName: p.ownerName,
    description: p.description,
    volumePerMonth: input.volumePerMonth,
    manualMinutesPerTxn: p.manualMinutesPerTxn,
    errorRatePct: input.errorRatePct,
    cycleTimeHours: p.cycleTimeHours,
    systemIds: p.systems.map((s) => s.id),
    painPoints: p.painPoints,
  });
  return {
    processId: p.id,
    before: { volumePerMonth: p.volumePerMonth, errorRatePct: p.errorRatePct },
    after: { volumePerMonth: input.volumePerMonth, errorRatePct: input.errorRatePct },
  };
}
