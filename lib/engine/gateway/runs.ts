import type pg from "pg";

export type TRunView = {
  id: string;
  runId: string;
  status: string;
  flow: string;
  environment: string;
  correlationId: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  error: string | null;
  /** The flow's output for request-response runs (JSON parsed when it is JSON). */
  result?: unknown;
};

/** The latest run of a message (a replay or redelivery makes more than one). */
export async function lookupRun(pool: pg.Pool, messageId: string): Promise<TRunView | null> {
  const r = await pool.query<{
    runId: string;
    status: string;
    flow: string;
    environment: string;
    correlationId: string;
    startedAt: Date;
    finishedAt: Date | null;
    durationMs: number | null;
    error: string | null;
    outputPayload: string | null;
  }>(
    `SELECT r."id" AS "runId", r."status", f."name" AS "flow", e."key" AS "environment", r."correlationId", r."startedAt", r."finishedAt",
            r."durationMs", r."error", r."outputPayload"
     FROM "MessageRun" r JOIN "Flow" f ON f."id" = r."flowId" JOIN "Environment" e ON e."id" = r."environmentId"
     WHERE r."messageId" = $1 ORDER BY r."startedAt" DESC LIMIT 1`,
    [messageId],
  );
  const row = r.rows[0];
  if (!row) return null;
  const view: TRunView = {
    id: messageId,
    runId: row.runId,
    status: row.status,
    flow: row.flow,
    environment: row.environment,
    correlationId: row.correlationId,
    startedAt: new Date(row.startedAt).toISOString(),
    finishedAt: row.finishedAt ? new Date(row.finishedAt).toISOString() : null,
    durationMs: row.durationMs,
    error: row.error,
  };
  if (row.outputPayload !== null) {
    try {
      view.result = JSON.parse(row.outputPayload);
    } catch {
      view.result = row.outputPayload;
    }
  }
  return view;
}
