import type pg from "pg";
import type { Queryable } from "@/lib/engine/core/contracts";
import { createMessage, REPLAY_HEADER, type Message } from "@/lib/engine/core/message";
import { withPgTransaction } from "@/lib/engine/transports/postgres/pool";
import { textToBody } from "./payload";

export const REPLAY_CHANNEL = "switchboard_replays";

export type TReplayRequest = {
  deadLetterIds: string[];
  /** Same flow, same or newer version; omit for whatever version is active in the environment. */
  flowVersionId?: string | null;
  /** Edited payload (one dead letter only); the portal audits the edit. */
  editedBody?: string | null;
  requestedBy: string;
};

/**
 * What the portal (through lib/services) or the CLI calls: marks dead letters replay_requested. A
 * trigger NOTIFYs the engines, which re-publish them; the web never runs a flow. Returns how many
 * were marked (dead letters already replayed or discarded are left alone).
 */
export async function requestReplay(db: Queryable, req: TReplayRequest): Promise<number> {
  if (!req.deadLetterIds.length) return 0;
  if (req.editedBody != null && req.deadLetterIds.length !== 1)
    throw new Error("An edited payload can only be replayed for one dead letter at a time.");
  if (req.flowVersionId) {
    const bad = await db.query(
      `SELECT dl."id" FROM "DeadLetter" dl
       JOIN "FlowVersion" cur ON cur."id" = dl."flowVersionId"
       LEFT JOIN "FlowVersion" tgt ON tgt."id" = $2
       WHERE dl."id" = ANY($1::text[]) AND (tgt."id" IS NULL OR tgt."flowId" <> dl."flowId" OR tgt."version" < cur."version")`,
      [req.deadLetterIds, req.flowVersionId],
    );
    if (bad.rows.length)
      throw new Error(
        "Replay to the same flow's current or a newer version only: pick a version of this flow at least as new as the failed one.",
      );
  }
  const r = await db.query(
    `UPDATE "DeadLetter" SET "status" = 'replay_requested', "replayFlowVersionId" = $2, "replayBody" = $3, "replayRequestedBy" = $4,
       "replayRequestedAt" = now(), "replayError" = NULL, "updatedAt" = now()
     WHERE "id" = ANY($1::text[]) AND "status" = 'pending'`,
    [req.deadLetterIds, req.flowVersionId ?? null, req.editedBody ?? null, req.requestedBy],
  );
  return r.rowCount ?? 0;
}

export type TReplayRow = {
  id: string;
  flowId: string;
  flowVersionId: string;
  environmentId: string;
  originalBody: string;
  originalHeaders: Record<string, unknown>;
  contentEncoding: string;
  replayFlowVersionId: string | null;
  replayBody: string | null;
};

/** Rebuilds the original message (or its edited body) as a new message in the same correlation. */
export function replayMessage(row: TReplayRow): Message {
  const env = row.originalHeaders as Partial<Message>;
  const body = textToBody(row.replayBody ?? row.originalBody, row.contentEncoding);
  return createMessage({
    body,
    source: env.source,
    type: env.type,
    datacontenttype: env.datacontenttype,
    correlationId: env.correlationId,
    headers: { ...(env.headers ?? {}), [REPLAY_HEADER]: row.id },
  });
}

/**
 * Claims requested replays one at a time (SKIP LOCKED, so several engines share the work) and hands
 * each to `dispatch`; marks it replayed, or back to pending with the error if dispatch failed. One
 * transaction per replay: a crash re-sends at most the replay it was in the middle of.
 */
export async function processReplays(
  pool: pg.Pool,
  dispatch: (row: TReplayRow, msg: Message) => Promise<void>,
  limit = 100,
): Promise<number> {
  let done = 0;
  for (let i = 0; i < limit; i++) {
    const outcome = await replayNext(pool, dispatch);
    if (outcome === "none") break;
    if (outcome === "replayed") done++;
  }
  return done;
}

async function replayNext(
  pool: pg.Pool,
  dispatch: (row: TReplayRow, msg: Message) => Promise<void>,
): Promise<"none" | "replayed" | "failed"> {
  return withPgTransaction(pool, async (client) => {
    const r = await client.query<TReplayRow>(
      `SELECT "id", "flowId", "flowVersionId", "environmentId", "originalBody", "originalHeaders", "contentEncoding", "replayFlowVersionId", "replayBody"
       FROM "DeadLetter" WHERE "status" = 'replay_requested' ORDER BY "replayRequestedAt" LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    const row = r.rows[0];
    if (!row) return "none";
    let outcome: "replayed" | "failed" = "replayed";
    try {
      const msg = replayMessage(row);
      await dispatch(row, msg);
      await client.query(
        `UPDATE "DeadLetter" SET "status" = 'replayed', "replayedAt" = now(), "replayMessageId" = $2, "replayError" = NULL, "updatedAt" = now() WHERE "id" = $1`,
        [row.id, msg.id],
      );
    } catch (error) {
      outcome = "failed";
      await client.query(
        `UPDATE "DeadLetter" SET "status" = 'pending', "replayError" = $2, "updatedAt" = now() WHERE "id" = $1`,
        [row.id, error instanceof Error ? error.message : String(error)],
      );
    }
    return outcome;
  });
}
