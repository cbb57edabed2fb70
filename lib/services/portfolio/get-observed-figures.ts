import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { errorRateOf } from "../signals";
import { computeObservedFigures, type TObservedFigures } from "./compute-observed-figures";
import { fullDayWindow } from "./compute-realized-roi";

export type TObservedProcessFigures = {
  process: { id: string; name: string; volumePerMonth: number; errorRatePct: number };
  candidates: { id: string; name: string }[];
  /** Flows implementing those candidates' interfaces that run in production. */
  flows: { id: string; name: string }[];
  window: { from: string; to: string; days: number } | null;
  traffic: { ok: number; failed: number; deadLettered: number; finished: number };
  observed: TObservedFigures | null;
  /** The observed figures differ from the inventory's: there is something to apply. */
  hasUpdate: boolean;
};

/**
 * What production shows for a process: the traffic of the flows implementing the interfaces of the
 * candidates that cover it, over the last 30 full days (or the full days since they went live), as a
 * monthly volume and an error rate, next to the inventory's figures. No authorization: callers check.
 */
export async function unsafeReadObservedFigures(processId: string, now: Date): Promise<TObservedProcessFigures> {
  const process = await db().businessProcess.findUnique({
    where: { id: processId },
    select: { id: true, name: true, volumePerMonth: true, errorRatePct: true },
  });
  if (!process) throw new AppError("NOT_FOUND", "That process does not exist (it may have been deleted).");
  const links = await db().candidateProcess.findMany({
    where: { processId },
    select: { candidate: { select: { id: true, name: true, interfaces: { select: { interfaceId: true } } } } },
  });
  const candidates = links.map((l) => l.candidate).sort((a, b) => a.name.localeCompare(b.name));
  const interfaceIds = [...new Set(candidates.flatMap((c) => c.interfaces.map((i) => i.interfaceId)))];
  const prodIds = (await db().environment.findMany({ where: { isProduction: true }, select: { id: true } })).map(
    (e) => e.id,
  );
  const deployed = interfaceIds.length
    ? await db().deployment.groupBy({
        by: ["flowId"],
        where: { environmentId: { in: prodIds }, flow: { interfaceId: { in: interfaceIds } } },
        _min: { deployedAt: true },
      })
    : [];
  const flows = await db().flow.findMany({
    where: { id: { in: deployed.map((d) => d.flowId) } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const empty = { ok: 0, failed: 0, deadLettered: 0, finished: 0 };
  const base = { process, candidates: candidates.map(({ id, name }) => ({ id, name })), flows };
  const goLive = deployed.map((d) => d._min.deployedAt!).sort((a, b) => a.getTime() - b.getTime())[0];
  if (!goLive) return { ...base, window: null, traffic: empty, observed: null, hasUpdate: false };
  const window = fullDayWindow(goLive, now);
  const sums = await db().metricDay.aggregate({
    where: {
      flowId: { in: flows.map((f) => f.id) },
      environmentId: { in: prodIds },
      day: { gte: window.from, lt: window.to },
    },
    _sum: { countOk: true, countFailed: true, countDeadLettered: true },
  });
  const ok = sums._sum.countOk ?? 0;
  const failed = sums._sum.countFailed ?? 0;
  const deadLettered = sums._sum.countDeadLettered ?? 0;
  const traffic = { ok, failed, deadLettered, finished: ok + failed + deadLettered };
  // The signals' error-rate definition, over the day rollups rather than the minute ones.
  const errorRate = errorRateOf({ ...traffic, filtered: 0, buckets: [] });
  const observed = computeObservedFigures({ finished: traffic.finished, errorRate, days: window.days });
  return {
    ...base,
    window: { from: window.from.toISOString(), to: window.to.toISOString(), days: window.days },
    traffic,
    observed,
    hasUpdate:
      observed !== null &&
      (observed.volumePerMonth !== process.volumePerMonth || observed.errorRatePct !== process.errorRatePct),
  };
}

export async function getObservedFigures(
  actor: Actor,
  processId: string,
  opts: { now?: Date } = {},
): Promise<TObservedProcessFigures> {
  assertCan(actor, "portfolio:read");
  return unsafeReadObservedFigures(processId, opts.now ?? new Date());
}
