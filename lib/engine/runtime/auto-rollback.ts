import type pg from "pg";
import type { TLog } from "./context";

export type TRollbackPolicy = { errorRate: number; minutes: number; minMessages: number };

/** A production deployment activated within the policy's minutes, with its figures since activation. */
export type TDeploymentHealth = {
  deploymentId: string;
  flowId: string;
  flowName: string;
  version: number;
  environmentKey: string;
  activatedAt: Date;
  messages: number;
  errors: number;
};

export type TRollbackRequest = {
  flowId: string;
  environmentKey: string;
  reason: string;
  title: string;
  description: string;
};

export async function loadRollbackPolicy(pool: pg.Pool): Promise<TRollbackPolicy> {
  const r = await pool.query<{ errorRate: number; minutes: number; minMessages: number }>(
    `SELECT "rollbackErrorRate" AS "errorRate", "rollbackMinutes" AS "minutes", "rollbackMinMessages" AS "minMessages"
     FROM "ChangeRiskPolicy" WHERE "id" = 'default'`,
  );
  return r.rows[0] ?? { errorRate: 0.5, minutes: 15, minMessages: 10 };
}

/**
 * Runs (from the minute rollups, never per-message scans) of each active production deployment
 * activated within the last `minutes`. The rollups are per minute, so the activation's own minute
 * also counts what the previous version ran in it: the figures lean towards the old version, never
 * towards a false rollback.
 */
export async function recentProductionHealth(pool: pg.Pool, minutes: number): Promise<TDeploymentHealth[]> {
  const r = await pool.query<TDeploymentHealth>(
    `SELECT d."id" AS "deploymentId", d."flowId", f."name" AS "flowName", v."version", e."key" AS "environmentKey",
            d."activatedAt" AT TIME ZONE 'UTC' AS "activatedAt",
            COALESCE(sum(m."countOk" + m."countFailed" + m."countDeadLettered" + m."countFiltered"), 0)::int AS "messages",
            COALESCE(sum(m."countFailed" + m."countDeadLettered"), 0)::int AS "errors"
     FROM "Deployment" d
     JOIN "Environment" e ON e."id" = d."environmentId" AND e."isProduction"
     JOIN "Flow" f ON f."id" = d."flowId"
     JOIN "FlowVersion" v ON v."id" = d."flowVersionId"
     LEFT JOIN "MetricMinute" m ON m."flowId" = d."flowId" AND m."environmentId" = d."environmentId" AND m."step" = ''
       AND m."minute" >= date_trunc('minute', d."activatedAt")
     WHERE d."activeSlot" IS NOT NULL AND d."rolledBackAt" IS NULL AND d."activatedAt" IS NOT NULL
       AND d."activatedAt" > (now() AT TIME ZONE 'UTC') - make_interval(mins => $1::int)
     GROUP BY d."id", f."name", v."version", e."key"`,
    [minutes],
  );
  return r.rows;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** The rollback to request for a breaching deployment, or null while it is within the policy. */
export function breach(h: TDeploymentHealth, policy: TRollbackPolicy): TRollbackRequest | null {
  if (h.messages < policy.minMessages || h.messages === 0) return null;
  const rate = h.errors / h.messages;
  if (rate < policy.errorRate) return null;
  const figures = `error rate ${pct(rate)} (${h.errors} of ${h.messages} messages failed or dead-lettered) since ${h.flowName} v${h.version} was activated at ${h.activatedAt.toISOString()}`;
  return {
    flowId: h.flowId,
    environmentKey: h.environmentKey,
    title: `Automatic rollback of ${h.flowName} v${h.version} in ${h.environmentKey}`,
    reason: `Automatic rollback: ${figures}`,
    description: `The engine rolled ${h.flowName} v${h.version} back automatically: ${figures}, at or above the policy's ${pct(policy.errorRate)} over at least ${policy.minMessages} messages within ${policy.minutes} minutes of activation.`,
  };
}

/**
 * The scheduler's "auto-rollback" job: every production deployment activated within the policy's
 * window whose error rate breaches it is rolled back to its last good version, as an emergency change
 * from the engine. `rollback` is rollbackEnvironment (lib/services/changes) called as the engine's
 * system actor. A deployment that cannot be rolled back (no good version) is logged once.
 */
export function autoRollbackJob(deps: {
  pool: pg.Pool;
  log: TLog;
  rollback: (r: TRollbackRequest) => Promise<{ changeNumber: number }>;
  everyMs: number;
}) {
  const given = new Set<string>();
  return {
    name: "auto-rollback",
    everyMs: deps.everyMs,
    async run(): Promise<{ rolledBack: number }> {
      const policy = await loadRollbackPolicy(deps.pool);
      let rolledBack = 0;
      for (const h of await recentProductionHealth(deps.pool, policy.minutes)) {
        const request = breach(h, policy);
        if (!request || given.has(h.deploymentId)) continue;
        try {
          const done = await deps.rollback(request);
          rolledBack++;
          deps.log.warn(
            {
              flow: h.flowName,
              version: h.version,
              env: h.environmentKey,
              change: `CHG-${done.changeNumber}`,
              errors: h.errors,
              messages: h.messages,
            },
            "deployment breached its error-rate threshold: rolled back automatically",
          );
        } catch (error) {
          given.add(h.deploymentId);
          deps.log.error(
            {
              err: error instanceof Error ? error.message : String(error),
              flow: h.flowName,
              version: h.version,
              env: h.environmentKey,
            },
            "automatic rollback failed; roll back by hand",
          );
        }
      }
      return { rolledBack };
    },
  };
}
