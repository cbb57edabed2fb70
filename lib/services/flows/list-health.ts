import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db } from "@/lib/db";

/** One flow in the environment its list row reports on. */
export type FlowHealthTarget = { flowId: string; environmentId: string };

export type FlowListHealth = {
  environmentId: string;
  /** Percent of the messages that reached an outcome in the last 24 hours and succeeded; null without traffic. */
  successRate: number | null;
  /** ok + failed + dead-lettered over the last 24 hours (filtered messages did their job and are not counted). */
  finished: number;
  /** Messages per hour (every outcome, filtered included) for the last 24 hours, oldest first. */
  hourly: number[];
  /** The latest backlog the engine measured in the window; null when it measured none. */
  backlog: number | null;
  backlogAt: string | null;
  /** Dead letters waiting in the channel now (status pending). */
  deadLetters: number;
};

export const HEALTH_HOURS = 24;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type Row = {
  flowId: string;
  environmentId: string;
  ok: number;
  bad: number;
  hours: [number, number][] | null;
  backlog: number | null;
  backlogAt: Date | null;
  pending: number;
};

/**
 * Health of a page of flows, each in its own environment, in one query: 24 hours of whole-flow minute
 * rollups (step "") summed per hour in SQL, the latest measured backlog and the pending dead letters.
 * Hours are counted back from the current minute, so the sparkline and the success rate cover the same
 * 1,440 minutes and the last point is the hour that includes the current minute.
 */
export async function flowListHealth(
  actor: Actor,
  targets: readonly FlowHealthTarget[],
  now: Date = new Date(),
): Promise<Map<string, FlowListHealth>> {
  assertCan(actor, "flow:read");
  const out = new Map<string, FlowListHealth>();
  if (!targets.length) return out;
  const to = Math.floor(now.getTime() / MINUTE) * MINUTE;
  const from = to - HEALTH_HOURS * HOUR + MINUTE;
  const rows = await db().$queryRaw<Row[]>`
    WITH t AS (
      SELECT * FROM unnest(${targets.map((t) => t.flowId)}::text[], ${targets.map((t) => t.environmentId)}::text[])
        AS t("flowId", "environmentId")
    ),
    window_rows AS (
      SELECT m.* FROM "MetricMinute" m JOIN t USING ("flowId", "environmentId")
      WHERE m."step" = '' AND m."minute" >= ${new Date(from)} AND m."minute" <= ${new Date(to)}
    ),
    per_hour AS (
      SELECT "flowId", "environmentId",
             floor((${to}::float8 - extract(epoch FROM "minute") * 1000) / ${HOUR}::float8)::int AS ago,
             sum("countOk")::int AS ok,
             sum("countFailed" + "countDeadLettered")::int AS bad,
             sum("countOk" + "countFailed" + "countDeadLettered" + "countFiltered")::int AS total
      FROM window_rows GROUP BY 1, 2, 3
    ),
    traffic AS (
      SELECT "flowId", "environmentId", sum(ok)::int AS ok, sum(bad)::int AS bad,
             json_agg(json_build_array(ago, total)) AS hours
      FROM per_hour GROUP BY 1, 2
    ),
    backlog AS (
      SELECT DISTINCT ON ("flowId", "environmentId") "flowId", "environmentId", "backlogDepth", "minute"
      FROM window_rows WHERE "backlogDepth" IS NOT NULL
      ORDER BY "flowId", "environmentId", "minute" DESC
    ),
    dlq AS (
      SELECT d."flowId", d."environmentId", count(*)::int AS pending
      FROM "DeadLetter" d JOIN t USING ("flowId", "environmentId")
      WHERE d."status" = 'pending' GROUP BY 1, 2
    )
    SELECT t."flowId", t."environmentId", coalesce(tr.ok, 0) AS ok, coalesce(tr.bad, 0) AS bad, tr.hours,
           b."backlogDepth" AS backlog, b."minute" AS "backlogAt", coalesce(q.pending, 0) AS pending
    FROM t
    LEFT JOIN traffic tr USING ("flowId", "environmentId")
    LEFT JOIN backlog b USING ("flowId", "environmentId")
    LEFT JOIN dlq q USING ("flowId", "environmentId")`;
  for (const r of rows) {
    const hourly = new Array<number>(HEALTH_HOURS).fill(0);
    for (const [ago, total] of r.hours ?? [])
      if (ago >= 0 && ago < HEALTH_HOURS) hourly[HEALTH_HOURS - 1 - ago] = total;
    const finished = r.ok + r.bad;
    out.set(r.flowId, {
      environmentId: r.environmentId,
      successRate: finished ? Math.round((r.ok / finished) * 1000) / 10 : null,
      finished,
      hourly,
      backlog: r.backlog,
      backlogAt: r.backlogAt?.toISOString() ?? null,
      deadLetters: r.pending,
    });
  }
  return out;
}

type EnvironmentOrder = { id: string; key: string; isProduction: boolean; sortOrder: number };

/**
 * The environment a flow's list row reports on: the filtered one when the list is filtered by
 * environment, otherwise production when the flow runs there, else the first (dev, test, prod order)
 * it runs in. Null for a flow deployed nowhere.
 */
export function pickHealthEnvironment(
  deployedIn: readonly string[],
  environments: readonly EnvironmentOrder[],
  filterKey?: string,
): EnvironmentOrder | null {
  const running = environments.filter((e) => deployedIn.includes(e.id)).sort((a, b) => a.sortOrder - b.sortOrder);
  if (filterKey) return running.find((e) => e.key === filterKey) ?? null;
  return running.find((e) => e.isProduction) ?? running[0] ?? null;
}
