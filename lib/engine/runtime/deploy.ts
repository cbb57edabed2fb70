import { randomUUID } from "node:crypto";
import type pg from "pg";
import { flowContentHash } from "@/lib/engine/core/flow-version";
import { withPgTransaction } from "@/lib/engine/transports/postgres/pool";
import { ZFlowSpec, type TFlowSpecInput } from "@/lib/validation/flow-spec";
import type { TDesiredState } from "./deployments";

export type TDirectDeploy = {
  /** Flow.name: a slug used in gateway paths. */
  flowName: string;
  spec: TFlowSpecInput;
  environmentKey: string;
  deployedBy: string;
  desiredState?: TDesiredState;
};

/**
 * Saves the spec as a version (reusing an identical one) and makes it the active deployment in the
 * environment, superseding the previous one: the engines pick it up through the NOTIFY trigger.
 * For the bench, tests and tooling that run without the portal; the portal's services add
 * authorization and audit on top of the same table writes.
 */
export async function deployFlowDirect(
  pool: pg.Pool,
  d: TDirectDeploy,
): Promise<{
  flowId: string;
  flowVersionId: string;
  deploymentId: string;
  environmentId: string;
  contentHash: string;
}> {
  const spec = ZFlowSpec.parse(d.spec);
  const hash = flowContentHash(spec);
  return withPgTransaction(pool, async (client) => {
    const env = await client.query<{ id: string }>(`SELECT "id" FROM "Environment" WHERE "key" = $1`, [
      d.environmentKey,
    ]);
    if (!env.rows[0]) throw new Error(`Unknown environment ${d.environmentKey}`);
    const environmentId = env.rows[0].id;
    const flow = await client.query<{ id: string }>(
      `INSERT INTO "Flow" ("id", "name", "description", "createdBy", "updatedAt") VALUES ($1, $2, $3, $4, now())
       ON CONFLICT ("name") DO UPDATE SET "updatedAt" = now() RETURNING "id"`,
      [randomUUID(), d.flowName, spec.description ?? "", d.deployedBy],
    );
    const flowId = flow.rows[0].id;
    const existing = await client.query<{ id: string }>(
      `SELECT "id" FROM "FlowVersion" WHERE "flowId" = $1 AND "contentHash" = $2`,
      [flowId, hash],
    );
    let flowVersionId = existing.rows[0]?.id;
    if (!flowVersionId) {
      flowVersionId = randomUUID();
      await client.query(
        `INSERT INTO "FlowVersion" ("id", "flowId", "version", "spec", "contentHash", "createdBy")
         VALUES ($1, $2, (SELECT COALESCE(max("version"), 0) + 1 FROM "FlowVersion" WHERE "flowId" = $2), $3, $4, $5)`,
        [flowVersionId, flowId, JSON.stringify(spec), hash, d.deployedBy],
      );
    }
    const slot = `${flowId}:${environmentId}`;
    await client.query(
      `UPDATE "Deployment" SET "activeSlot" = NULL, "supersededAt" = now(), "updatedAt" = now() WHERE "activeSlot" = $1`,
      [slot],
    );
    const deploymentId = randomUUID();
    await client.query(
      `INSERT INTO "Deployment" ("id", "flowId", "flowVersionId", "environmentId", "contentHash", "desiredState", "activeSlot", "deployedBy", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6::"DeploymentDesiredState", $7, $8, now())`,
      [deploymentId, flowId, flowVersionId, environmentId, hash, d.desiredState ?? "running", slot, d.deployedBy],
    );
    return { flowId, flowVersionId, deploymentId, environmentId, contentHash: hash };
  });
}

/** Sets a deployment's desired state (running | paused | stopped); the engines follow via NOTIFY. */
export async function setDesiredState(pool: pg.Pool, deploymentId: string, state: TDesiredState): Promise<void> {
  await pool.query(
    `UPDATE "Deployment" SET "desiredState" = $2::"DeploymentDesiredState", "updatedAt" = now() WHERE "id" = $1`,
    [deploymentId, state],
  );
}
