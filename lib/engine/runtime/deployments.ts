import type pg from "pg";

export type TDesiredState = "running" | "paused" | "stopped";
export type TActualState = "pending" | "starting" | "running" | "paused" | "stopped" | "failed" | "refused";

/** An active deployment with everything the engine needs to run it. */
export type TDeploymentRow = {
  id: string;
  flowId: string;
  flowName: string;
  flowVersionId: string;
  version: number;
  environmentId: string;
  environmentKey: string;
  isProduction: boolean;
  desiredState: TDesiredState;
  actualState: TActualState;
  /** Hash recorded on the deployment at deploy time. */
  contentHash: string;
  /** Hash stored on the version. */
  versionHash: string;
  spec: unknown;
};

const SELECT = `
  SELECT d."id", d."flowId", f."name" AS "flowName", d."flowVersionId", v."version", d."environmentId", e."key" AS "environmentKey",
         e."isProduction", d."desiredState", d."actualState", d."contentHash", v."contentHash" AS "versionHash", v."spec"
  FROM "Deployment" d
  JOIN "Flow" f ON f."id" = d."flowId"
  JOIN "FlowVersion" v ON v."id" = d."flowVersionId"
  JOIN "Environment" e ON e."id" = d."environmentId"`;

/** The one active deployment per flow and environment (activeSlot set), for flows not archived. */
export async function loadActiveDeployments(pool: pg.Pool): Promise<TDeploymentRow[]> {
  const r = await pool.query<TDeploymentRow>(
    `${SELECT} WHERE d."activeSlot" IS NOT NULL AND f."archivedAt" IS NULL ORDER BY f."name", e."sortOrder"`,
  );
  return r.rows;
}

export async function loadVersion(
  pool: pg.Pool,
  flowVersionId: string,
): Promise<{ id: string; flowId: string; version: number; spec: unknown; contentHash: string } | null> {
  const r = await pool.query<{ id: string; flowId: string; version: number; spec: unknown; contentHash: string }>(
    `SELECT "id", "flowId", "version", "spec", "contentHash" FROM "FlowVersion" WHERE "id" = $1`,
    [flowVersionId],
  );
  return r.rows[0] ?? null;
}

/** Reports what this engine did with a deployment; the portal shows actualState next to desiredState. */
export async function reportActualState(
  pool: pg.Pool,
  deploymentId: string,
  state: TActualState,
  error: string | null = null,
): Promise<void> {
  // Only actual* columns change, so the NOTIFY trigger (desired-state columns) does not fire.
  await pool.query(
    `UPDATE "Deployment" SET "actualState" = $2::"DeploymentActualState", "actualError" = $3, "actualAt" = now() WHERE "id" = $1`,
    [deploymentId, state, error],
  );
}
