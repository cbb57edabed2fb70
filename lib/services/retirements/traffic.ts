import "server-only";
import type { Tx } from "@/lib/db";
import { DAY_MS } from "./timeline";

export type TLastTraffic = {
  at: Date | null;
  /** Who made that call (an inbound caller or endpoint); "" when only the metrics saw it. */
  caller: string;
  environmentKey: string | null;
  source: "observed" | "metrics" | null;
};

const hasMessages = [
  { countOk: { gt: 0 } },
  { countFailed: { gt: 0 } },
  { countFiltered: { gt: 0 } },
  { countDeadLettered: { gt: 0 } },
];

/**
 * The most recent inbound traffic of these flows in any environment: the observed dependencies'
 * lastSeenAt, cross-checked with the metrics rollups (a flow that ran before dependencies were observed,
 * or a caller the gateway could not name, still counts). A rollup newer than the last observed call counts
 * until its minute's (or, once minute rows expired, its day's) end.
 */
export async function lastInboundTraffic(tx: Tx, flowIds: string[], now: Date): Promise<TLastTraffic> {
  const none: TLastTraffic = { at: null, caller: "", environmentKey: null, source: null };
  if (!flowIds.length) return none;
  // One after another: a transaction's connection runs one query at a time.
  const observed = await tx.observedDependency.findFirst({
    where: { flowId: { in: flowIds }, direction: "inbound" },
    orderBy: { lastSeenAt: "desc" },
    select: { lastSeenAt: true, caller: true, endpoint: true, environment: { select: { key: true } } },
  });
  const minute = await tx.metricMinute.findFirst({
    where: { flowId: { in: flowIds }, step: "", OR: hasMessages },
    orderBy: { minute: "desc" },
    select: { minute: true, environment: { select: { key: true } } },
  });
  const day = await tx.metricDay.findFirst({
    where: { flowId: { in: flowIds }, OR: hasMessages },
    orderBy: { day: "desc" },
    select: { day: true, environment: { select: { key: true } } },
  });
  let best = none;
  if (observed)
    best = {
      at: observed.lastSeenAt,
      caller: observed.caller || observed.endpoint,
      environmentKey: observed.environment.key,
      source: "observed",
    };
  // A rollup that starts after the last observed call is newer traffic; one that holds it is the same call.
  // Today's rollup has not ended yet: it counts until now, never later.
  const consider = (start: Date, end: Date, environmentKey: string) => {
    const at = new Date(Math.min(end.getTime(), Math.max(now.getTime(), start.getTime())));
    if (!best.at || start.getTime() > best.at.getTime()) best = { at, caller: "", environmentKey, source: "metrics" };
  };
  if (minute) consider(minute.minute, new Date(minute.minute.getTime() + 60_000), minute.environment.key);
  if (day && (!minute || minute.minute.getTime() < day.day.getTime()))
    consider(day.day, new Date(day.day.getTime() + DAY_MS), day.environment.key);
  return best;
}
