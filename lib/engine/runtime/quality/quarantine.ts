import { randomUUID } from "node:crypto";
import type pg from "pg";
import { createMessage, RESUBMIT_HEADER, RESUME_AT_HEADER, type Message } from "@/lib/engine/core/message";
import type { QuarantineSink, TQuarantineEntry } from "@/lib/engine/core/quality/rules";
import { withPgTransaction } from "@/lib/engine/transports/postgres/pool";
import type { TRunContext } from "../context";
import { directQueueName } from "../worker";
import { notifiedDrainLoop } from "./drain-loop";
import type { TQualityHost, TQualityPart } from "./index";

/** The portal NOTIFYs this channel when it marks entries resubmit_requested (lib/services/quality/quarantine). */
export const RESUBMIT_CHANNEL = "switchboard_quarantine_resubmits";

/** Distinct, in first-seen order: the rule ids and fields the review filters search (GIN indexes). */
function distinct(values: string[]): string[] {
  return [...new Set(values)];
}

/** The row the sink writes for one entry, as jsonb_to_recordset reads it. */
export function quarantineRow(ctx: TRunContext, e: TQuarantineEntry, id: string = randomUUID()) {
  return {
    id,
    flowId: ctx.flowId,
    flowVersionId: ctx.flowVersionId,
    environmentId: ctx.environmentId,
    deploymentId: ctx.deploymentId,
    stepId: e.stepId,
    ruleSetKey: e.ruleSetKey,
    ruleSetVersionId: e.ruleSetVersionId,
    messageId: e.messageId,
    correlationId: e.correlationId,
    inputId: e.inputId,
    recordIndex: e.recordIndex,
    // Undefined is not JSON: a record that is missing entirely is kept as null.
    record: e.record === undefined ? null : e.record,
    violations: e.violations.map((v) => ({ ...v, value: v.value === undefined ? null : v.value })),
    ruleIds: distinct(e.violations.map((v) => v.ruleId)),
    fields: distinct(e.violations.map((v) => v.field)),
    headers: e.headers,
  };
}

/**
 * The Postgres quarantine: every entry of one put in a single INSERT (one round trip, atomic: all of
 * them are durable or none is, and the input is redelivered).
 */
export function pgQuarantineSink(pool: pg.Pool, ctx: TRunContext): QuarantineSink {
  return {
    async put(entries) {
      if (!entries.length) return;
      const rows = entries.map((e) => quarantineRow(ctx, e));
      await pool.query(
        `INSERT INTO "QuarantineEntry" ("id", "flowId", "flowVersionId", "environmentId", "deploymentId", "stepId", "ruleSetKey",
           "ruleSetVersionId", "messageId", "correlationId", "inputId", "recordIndex", "record", "violations", "ruleIds", "fields",
           "headers", "status", "updatedAt")
         SELECT x."id", x."flowId", x."flowVersionId", x."environmentId", x."deploymentId", x."stepId", x."ruleSetKey",
           x."ruleSetVersionId", x."messageId", x."correlationId", x."inputId", x."recordIndex", x."record", x."violations",
           ARRAY(SELECT jsonb_array_elements_text(x."ruleIds")), ARRAY(SELECT jsonb_array_elements_text(x."fields")),
           x."headers", 'pending', now()
         FROM jsonb_to_recordset($1::jsonb) AS x("id" text, "flowId" text, "flowVersionId" text, "environmentId" text,
           "deploymentId" text, "stepId" text, "ruleSetKey" text, "ruleSetVersionId" text, "messageId" text, "correlationId" text,
           "inputId" text, "recordIndex" int, "record" jsonb, "violations" jsonb, "ruleIds" jsonb, "fields" jsonb, "headers" jsonb)`,
        [JSON.stringify(rows)],
      );
    },
  };
}

export type TResubmitRow = {
  id: string;
  stepId: string;
  correlationId: string;
  record: unknown;
  fixedRecord: unknown;
  headers: Record<string, string> | null;
  flowName: string;
  environmentKey: string;
};

/** The record (as fixed, else as it was) as a new message in the same correlation, resuming at its validate step. */
export function resubmitMessage(row: TResubmitRow): Message {
  return createMessage({
    body: row.fixedRecord ?? row.record,
    correlationId: row.correlationId,
    headers: { ...(row.headers ?? {}), [RESUME_AT_HEADER]: row.stepId, [RESUBMIT_HEADER]: row.id },
  });
}

/**
 * Claims requested resubmissions one at a time (FOR UPDATE SKIP LOCKED: two engines never take the
 * same entry) and publishes each to its deployment's direct queue, then marks it resubmitted; a
 * failed publish puts it back to pending with the error, as replays do. A crash between publish and
 * commit re-publishes that entry once more, which the runner's `resubmit:<entry>` claim absorbs.
 */
export async function processResubmits(
  pool: pg.Pool,
  publish: (queue: string, msg: Message) => Promise<void>,
  limit = 100,
): Promise<number> {
  let done = 0;
  for (let i = 0; i < limit; i++) {
    const outcome = await withPgTransaction(pool, async (client) => {
      const r = await client.query<TResubmitRow>(
        `SELECT q."id", q."stepId", q."correlationId", q."record", q."fixedRecord", q."headers", f."name" AS "flowName", e."key" AS "environmentKey"
         FROM "QuarantineEntry" q JOIN "Flow" f ON f."id" = q."flowId" JOIN "Environment" e ON e."id" = q."environmentId"
         WHERE q."status" = 'resubmit_requested' ORDER BY q."resubmitRequestedAt", q."id" LIMIT 1 FOR UPDATE OF q SKIP LOCKED`,
      );
      const row = r.rows[0];
      if (!row) return "none" as const;
      try {
        const msg = resubmitMessage(row);
        await publish(directQueueName(row.flowName, row.environmentKey), msg);
        await client.query(
          `UPDATE "QuarantineEntry" SET "status" = 'resubmitted', "resubmittedAt" = now(), "resubmitMessageId" = $2, "resubmitError" = NULL, "updatedAt" = now() WHERE "id" = $1`,
          [row.id, msg.id],
        );
        return "resubmitted" as const;
      } catch (error) {
        await client.query(
          `UPDATE "QuarantineEntry" SET "status" = 'pending', "resubmitError" = $2, "updatedAt" = now() WHERE "id" = $1`,
          [row.id, error instanceof Error ? error.message : String(error)],
        );
        return "failed" as const;
      }
    });
    if (outcome === "none") break;
    if (outcome === "resubmitted") done++;
  }
  return done;
}

/** The quarantine's engine part: a sink per deployment, and the resubmit loop (NOTIFY plus polling). */
export function quarantinePart(host: TQualityHost): TQualityPart {
  const loop = notifiedDrainLoop(
    host,
    RESUBMIT_CHANNEL,
    () => processResubmits(host.pool, (q, m) => host.transport.publish(q, m)),
    "processing quarantine resubmissions failed",
  );
  return {
    forDeployment: (ctx) => ({ quarantine: pgQuarantineSink(host.pool, ctx) }),
    start: loop.start,
    stop: loop.stop,
  };
}
