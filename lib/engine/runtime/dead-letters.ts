import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { TDeadLetter } from "@/lib/engine/core/observer";
import type { TLog, TRunContext } from "./context";
import { bodyToText, envelopeOf } from "./payload";

/** Pending = still in the channel (not replayed, not discarded). */
export const PENDING_STATUSES = ["pending", "replay_requested"] as const;

/** Writes the *original* message with the failed step, error and attempt history. Resolves when committed. */
export async function persistDeadLetter(pool: pg.Pool, ctx: TRunContext, d: TDeadLetter): Promise<string> {
  const id = randomUUID();
  const { text, encoding } = bodyToText(d.originalMessage.body);
  const history = d.attempts.map((a, i) => ({ attempt: i + 1, step: d.failedStep, ...a }));
  await pool.query(
    `INSERT INTO "DeadLetter" ("id", "flowId", "flowVersionId", "environmentId", "deploymentId", "messageId", "correlationId", "runId",
       "originalBody", "originalHeaders", "contentType", "contentEncoding", "failedStep", "error", "errorKind", "attemptHistory", "status", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'pending', now())`,
    [
      id,
      ctx.flowId,
      ctx.flowVersionId,
      ctx.environmentId,
      ctx.deploymentId,
      d.originalMessage.id,
      d.originalMessage.correlationId,
      d.runId,
      text,
      JSON.stringify(envelopeOf(d.originalMessage)),
      d.originalMessage.datacontenttype,
      encoding,
      d.failedStep,
      d.error,
      d.errorClass,
      JSON.stringify(history),
    ],
  );
  return id;
}

export async function dlqDepth(pool: pg.Pool, flowId: string, environmentId: string): Promise<number> {
  const r = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM "DeadLetter" WHERE "flowId" = $1 AND "environmentId" = $2 AND "status" IN ('pending', 'replay_requested')`,
    [flowId, environmentId],
  );
  return Number(r.rows[0]?.n ?? 0);
}

export async function dlqDepths(pool: pg.Pool): Promise<{ flowId: string; environmentId: string; depth: number }[]> {
  const r = await pool.query<{ flowId: string; environmentId: string; n: string }>(
    `SELECT "flowId", "environmentId", count(*) AS n FROM "DeadLetter" WHERE "status" IN ('pending', 'replay_requested') GROUP BY 1, 2`,
  );
  return r.rows.map((x) => ({ flowId: x.flowId, environmentId: x.environmentId, depth: Number(x.n) }));
}

/**
 * Raises one `dlq_growth` alert per flow and environment once the pending dead letters reach the
 * threshold; `openKey` keeps it to one open alert until someone resolves it (or the channel drains).
 */
export async function checkDlqAlert(pool: pg.Pool, ctx: TRunContext, threshold: number, log?: TLog): Promise<boolean> {
  const depth = await dlqDepth(pool, ctx.flowId, ctx.environmentId);
  if (depth < threshold) return false;
  const r = await pool.query(
    `INSERT INTO "Alert" ("id", "kind", "flowId", "environmentId", "severity", "status", "message", "details", "openKey", "updatedAt")
     VALUES ($1, 'dlq_growth', $2, $3, $4, 'open', $5, $6, $7, now())
     ON CONFLICT ("openKey") DO NOTHING`,
    [
      randomUUID(),
      ctx.flowId,
      ctx.environmentId,
      depth >= threshold * 10 ? "critical" : "warning",
      `${depth} messages are waiting in the dead letter channel of ${ctx.flowName} (${ctx.environmentKey}); the alert threshold is ${threshold}. Fix the failing step, then replay or discard them.`,
      JSON.stringify({ depth, threshold, deploymentId: ctx.deploymentId }),
      `dlq_growth:${ctx.flowId}:${ctx.environmentId}`,
    ],
  );
  if (r.rowCount)
    log?.warn(
      { flow: ctx.flowName, env: ctx.environmentKey, depth, threshold },
      "dead letter channel is growing: alert raised",
    );
  return Boolean(r.rowCount);
}

/** An emptied channel resolves its open dlq_growth alert (and frees the openKey for the next one). */
export async function resolveDrainedDlqAlerts(pool: pg.Pool): Promise<number> {
  const r = await pool.query(
    `UPDATE "Alert" a SET "status" = 'resolved', "resolvedAt" = now(), "openKey" = NULL, "updatedAt" = now()
     WHERE a."kind" = 'dlq_growth' AND a."openKey" IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM "DeadLetter" d WHERE d."flowId" = a."flowId" AND d."environmentId" = a."environmentId"
                       AND d."status" IN ('pending', 'replay_requested'))`,
  );
  return r.rowCount ?? 0;
}
