import type pg from "pg";
import { withPgTransaction } from "@/lib/engine/transports/postgres/pool";
import { entryHash, GENESIS_HASH, type ChainFields } from "@/lib/services/audit/hash";
import { normalize } from "@/lib/utils/canonical-json";
import type { TLog } from "./context";
import { reportActualState, type TDeploymentRow } from "./deployments";

export const REFUSAL_ACTION = "engine.deploy_refused";
export const ENGINE_ACTOR_EMAIL = "system:engine";

export type TRefusal = {
  deploymentId: string;
  reason: string;
  flowName: string;
  version: number;
  environmentKey: string;
  changeNumber?: number | null;
};

/**
 * Appends one entry to the audit hash chain from the engine, with plain pg: the same advisory lock and
 * the same pure hash as lib/services/audit (appendAudit), so the chain verifies across both writers.
 * Returns false when an entry was already written for this deployment and reason (by any engine, at
 * any time): a refusal is audited once, not on every poll that re-checks it.
 */
export async function auditRefusal(pool: pg.Pool, r: TRefusal): Promise<boolean> {
  return withPgTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('switchboard.audit_chain'))`);
    const seen = await client.query(
      `SELECT 1 FROM "AuditEntry" WHERE "entityType" = 'Deployment' AND "entityId" = $1 AND "action" = $2 AND "after"->>'reason' = $3 LIMIT 1`,
      [r.deploymentId, REFUSAL_ACTION, r.reason],
    );
    if (seen.rowCount) return false;
    const last = await client.query<{ hash: string }>(`SELECT "hash" FROM "AuditEntry" ORDER BY "seq" DESC LIMIT 1`);
    const prevHash = last.rows[0]?.hash ?? GENESIS_HASH;
    const fields: ChainFields = {
      at: new Date(),
      actorId: null,
      actorEmail: ENGINE_ACTOR_EMAIL,
      action: REFUSAL_ACTION,
      entityType: "Deployment",
      entityId: r.deploymentId,
      before: null,
      after: normalize({
        reason: r.reason,
        flow: r.flowName,
        version: r.version,
        environment: r.environmentKey,
        ...(r.changeNumber ? { changeRequest: `CHG-${r.changeNumber}` } : {}),
      }),
    };
    await client.query(
      `INSERT INTO "AuditEntry" ("at", "actorId", "actorEmail", "action", "entityType", "entityId", "before", "after", "prevHash", "hash")
       VALUES ($1::timestamptz AT TIME ZONE 'UTC', NULL, $2, $3, $4, $5, NULL, $6::jsonb, $7, $8)`,
      [
        fields.at.toISOString(),
        fields.actorEmail,
        fields.action,
        fields.entityType,
        fields.entityId,
        JSON.stringify(fields.after),
        prevHash,
        entryHash(prevHash, fields),
      ],
    );
    return true;
  });
}

/**
 * What the runtime does with a refusal: reports it on the deployment (actualState refused, actualError
 * the reason: the portal shows it where the deploy was asked for), logs it, and audits it once per
 * deployment and reason. Re-checked on every poll, so a reason that changes (the change got approved
 * but its window has not started) is reported and audited anew; the same one is not.
 */
export class RefusalReporter {
  private readonly audited = new Set<string>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: TLog,
  ) {}

  async refuse(row: TDeploymentRow, reason: string): Promise<void> {
    if (row.actualState !== "refused" || row.actualError !== reason) {
      this.log.warn({ flow: row.flowName, env: row.environmentKey, deployment: row.id, reason }, "deployment refused");
      await reportActualState(this.pool, row.id, "refused", reason);
    }
    const key = `${row.id}|${reason}`;
    if (this.audited.has(key)) return;
    try {
      await auditRefusal(this.pool, {
        deploymentId: row.id,
        reason,
        flowName: row.flowName,
        version: row.version,
        environmentKey: row.environmentKey,
        changeNumber: row.change?.number ?? null,
      });
      this.audited.add(key);
    } catch (error) {
      this.log.error(
        { err: String(error), deployment: row.id },
        "auditing a refusal failed; retrying on the next poll",
      );
    }
  }
}
