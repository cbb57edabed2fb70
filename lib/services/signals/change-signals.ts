import "server-only";
import type { Tx } from "@/lib/db";
import { clampScore, plural } from "./score";
import type { TSignalSource } from "./types";

const DAY = 86_400_000;

/** A change failed when it was rolled back: by a person (status rolled_back) or later by a rollback change. */
const FAILED = { OR: [{ status: "rolled_back" as const }, { rollbacks: { some: {} } }] };

export type TChangeFailureRate = { implemented: number; failed: number; rate: number | null };

/**
 * DORA's change failure rate: of the changes implemented in [from, to) (rollbacks themselves left out,
 * they are the remedy), the share that was rolled back.
 */
export async function changeFailureRate(
  tx: Tx,
  opts: { environmentId?: string; flowIds?: string[]; from: Date; to: Date },
): Promise<TChangeFailureRate> {
  const where = {
    environmentId: opts.environmentId,
    rollbackOfId: null,
    implementedAt: { gte: opts.from, lt: opts.to },
    ...(opts.flowIds ? { items: { some: { kind: "flow", itemId: { in: opts.flowIds } } } } : {}),
  };
  const [implemented, failed] = await Promise.all([
    tx.changeRequest.count({ where }),
    tx.changeRequest.count({ where: { ...where, ...FAILED } }),
  ]);
  return { implemented, failed, rate: implemented ? failed / implemented : null };
}

/** Rolled-back changes to these flows in 90 days: each one costs a third of the score. */
export const changeFailureSignal: TSignalSource = {
  key: "changeFailures",
  label: "Change failures",
  weight: 2,
  async read(tx, subject, now) {
    const r = await changeFailureRate(tx, {
      environmentId: subject.environmentId,
      flowIds: subject.flowIds,
      from: new Date(now.getTime() - 90 * DAY),
      to: now,
    });
    return {
      key: this.key,
      label: this.label,
      weight: this.weight,
      unit: "changes",
      value: r.failed,
      score: clampScore(100 - r.failed * 34),
      trend: null,
      detail: `${plural(r.failed, "change")} of ${r.implemented} rolled back in the last 90 days.`,
    };
  },
};

/**
 * Days since one of the flows was last activated here. A change in the last day is still settling and
 * an integration untouched for over a year is likely unmaintained; both cost points, in between is fine.
 */
export const lastChangeSignal: TSignalSource = {
  key: "lastChange",
  label: "Time since last change",
  weight: 1,
  async read(tx, subject, now) {
    const last = subject.flowIds.length
      ? await tx.deployment.findFirst({
          where: {
            flowId: { in: subject.flowIds },
            environmentId: subject.environmentId,
            activatedAt: { not: null, lte: now },
          },
          orderBy: { activatedAt: "desc" },
          select: { activatedAt: true },
        })
      : null;
    const days = last?.activatedAt ? Math.floor((now.getTime() - last.activatedAt.getTime()) / DAY) : null;
    const score = days === null ? 100 : days < 1 ? 70 : days > 365 ? 60 : 100;
    return {
      key: this.key,
      label: this.label,
      weight: this.weight,
      unit: "days",
      value: days,
      score,
      trend: null,
      detail:
        days === null
          ? "Never activated here."
          : days < 1
            ? "Changed in the last day: still settling."
            : days > 365
              ? `Unchanged for ${plural(days, "day")}: check it is still maintained.`
              : `Last changed ${plural(days, "day")} ago.`,
    };
  },
};
