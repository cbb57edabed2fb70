import type pg from "pg";

export type TDesiredState = "running" | "paused" | "stopped";
export type TActualState = "pending" | "starting" | "running" | "paused" | "stopped" | "failed" | "refused";

/** The change a deployment is bound to, with the hash its item for this flow approved (null: no such item). */
export type TBoundChange = {
  id: string;
  number: number;
  type: "standard" | "normal" | "emergency";
  status: string;
  environmentId: string;
  windowStart: Date;
  windowEnd: Date;
  itemHash: string | null;
};

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
  actualError: string | null;
  /** Hash recorded on the deployment at deploy time. */
  contentHash: string;
  /** Hash stored on the version. */
  versionHash: string;
  spec: unknown;
  /** When an engine first ran it: a change's window bounds the first activation only. */
  activatedAt: Date | null;
  change: TBoundChange | null;
};

type TRawRow = Omit<TDeploymentRow, "change"> & {
  changeId: string | null;
  changeNumber: number | null;
  changeType: TBoundChange["type"] | null;
  changeStatus: string | null;
  changeEnvironmentId: string | null;
  windowStart: Date | null;
  windowEnd: Date | null;
  itemHash: string | null;
};

// Timestamps are stored as UTC without a zone (Prisma): AT TIME ZONE 'UTC' makes them instants, so
// pg parses them right whatever the engine's local zone.
// The change's item for this flow: a change binds each flow once (unique per kind and item key), and
// the engine matches it by the flow's id so a renamed flow still finds its approval.
const SELECT = `
  SELECT d."id", d."flowId", f."name" AS "flowName", d."flowVersionId", v."version", d."environmentId", e."key" AS "environmentKey",
         e."isProduction", d."desiredState", d."actualState", d."actualError", d."contentHash", v."contentHash" AS "versionHash", v."spec",
         d."activatedAt" AT TIME ZONE 'UTC' AS "activatedAt", c."id" AS "changeId", c."number" AS "changeNumber", c."type" AS "changeType", c."status" AS "changeStatus",
         c."environmentId" AS "changeEnvironmentId", c."windowStart" AT TIME ZONE 'UTC' AS "windowStart",
         c."windowEnd" AT TIME ZONE 'UTC' AS "windowEnd", ci."contentHash" AS "itemHash"
  FROM "Deployment" d
  JOIN "Flow" f ON f."id" = d."flowId"
  JOIN "FlowVersion" v ON v."id" = d."flowVersionId"
  JOIN "Environment" e ON e."id" = d."environmentId"
  LEFT JOIN "ChangeRequest" c ON c."id" = d."changeRequestId"
  LEFT JOIN LATERAL (
    SELECT i."contentHash" FROM "ChangeItem" i
    WHERE i."changeRequestId" = c."id" AND i."kind" = 'flow' AND i."itemId" = d."flowId"
    ORDER BY (i."contentHash" = d."contentHash") DESC LIMIT 1
  ) ci ON true`;

function toRow(r: TRawRow): TDeploymentRow {
  const {
    changeId,
    changeNumber,
    changeType,
    changeStatus,
    changeEnvironmentId,
    windowStart,
    windowEnd,
    itemHash,
    ...rest
  } = r;
  return {
    ...rest,
    change: changeId
      ? {
          id: changeId,
          number: changeNumber!,
          type: changeType!,
          status: changeStatus!,
          environmentId: changeEnvironmentId!,
          windowStart: windowStart!,
          windowEnd: windowEnd!,
          itemHash,
        }
      : null,
  };
}

/** The one active deployment per flow and environment (activeSlot set), for flows not archived. */
export async function loadActiveDeployments(pool: pg.Pool): Promise<TDeploymentRow[]> {
  const r = await pool.query<TRawRow>(
    `${SELECT} WHERE d."activeSlot" IS NOT NULL AND f."archivedAt" IS NULL ORDER BY f."name", e."sortOrder"`,
  );
  return r.rows.map(toRow);
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

/** The first time any engine runs a deployment; later activations (restarts) keep the first time. */
export async function markActivated(pool: pg.Pool, deploymentId: string): Promise<void> {
  await pool.query(
    `UPDATE "Deployment" SET "activatedAt" = now() AT TIME ZONE 'UTC' WHERE "id" = $1 AND "activatedAt" IS NULL`,
    [deploymentId],
  );
}
