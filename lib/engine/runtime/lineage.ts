import { randomUUID } from "node:crypto";
import type pg from "pg";
import { REPLAY_HEADER, RESUBMIT_HEADER, type Message } from "@/lib/engine/core/message";
import type { TStepEvent } from "@/lib/engine/core/observer";
import type { TRunResult } from "@/lib/engine/core/runner";
import { Batcher } from "@/lib/engine/transports/batcher";
import type { TLineageLevel } from "@/lib/validation/flow-spec";
import type { TLog, TRetention, TRunContext } from "./context";
import { bodyToText, hashBody, hashMessages } from "./payload";
import { sampledIn } from "@/lib/engine/core/lineage-sample";

export { sampledIn };

/**
 * A run as it will be written: its deployment, the column values in COLUMN_TYPES order, and its
 * steps as JSON text. Only small strings and numbers: rows wait up to the linger time, and holding
 * messages that long would promote every body to the old generation (a measurable GC cost).
 */
type TRunRow = { ctx: TRunContext; level: TLineageLevel; values: unknown[]; steps: string };

/** One step of a run as the journey shows it (MessageRun.steps). */
type TStepRecord = {
  step: string;
  kind: string;
  component: string;
  status: string;
  attempts: number;
  durationMs: number;
  offsetMs: number;
  error?: string;
};

// Per-row columns; the deployment's four ids are one parameter each per statement (the same for every
// row of a deployment, and on this path every byte sent to Postgres costs: about 1 KB per run).
const COLUMN_TYPES = ["text", "text", "text", "text", "int", "text", "text", "text", "text", "text", "float8", "int"];
const N = COLUMN_TYPES.length;
// Run ids are fresh UUIDs, so no ON CONFLICT (its arbiter check cost every row an index probe). The
// statement is named: Postgres parses and plans it once per connection instead of once per batch.
const INSERT_RUNS = {
  name: "sb_lineage_insert_runs_v2",
  text: `INSERT INTO "MessageRun" ("id", "messageId", "correlationId", "flowId", "flowVersionId", "environmentId", "deploymentId", "lineageLevel", "status",
    "attempt", "inputHash", "outputHash", "inputPayload", "outputPayload", "error", "startedAt", "finishedAt", "durationMs", "steps")
  SELECT id, mid, cid, $${N + 1}, $${N + 2}, $${N + 3}, $${N + 4}, $${N + 6}::"LineageLevel", st::"MessageRunStatus", att, ih, oh, ip, op, err,
    to_timestamp(sa / 1000) AT TIME ZONE 'UTC', to_timestamp((sa + dur) / 1000) AT TIME ZONE 'UTC', dur, stp
  FROM ROWS FROM (${COLUMN_TYPES.map((t, c) => `unnest($${c + 1}::${t}[])`).join(", ")}, json_array_elements($${N + 5}::json))
    AS t(id, mid, cid, st, att, ih, oh, ip, op, err, sa, dur, stp)`,
};

/** The lineage decision made when a run starts: the flow's level and whether this message is sampled in. */
export type TLineageDecision = { level: TLineageLevel; sampled: boolean };

export function decideLineage(messageId: string, level: TLineageLevel, sampleRate: number): TLineageDecision {
  return { level, sampled: level === "full" || (level === "sampled" && sampledIn(messageId, sampleRate)) };
}

/** Failed, dead-lettered and replayed runs are kept at every level; the others only when sampled in. */
export function keepsRun(d: TLineageDecision, status: TRunResult["status"], input: Message): boolean {
  return (
    d.sampled ||
    status === "failed" ||
    status === "dead_lettered" ||
    REPLAY_HEADER in input.headers ||
    RESUBMIT_HEADER in input.headers
  );
}

const STATUS: Record<TRunResult["status"], "succeeded" | "filtered" | "failed" | "dead_lettered"> = {
  ok: "succeeded",
  filtered: "filtered",
  failed: "failed",
  dead_lettered: "dead_lettered",
};

export type TRecordInput = {
  ctx: TRunContext;
  input: Message;
  result: TRunResult;
  startedAt: number;
  attempt: number;
  /** Request-response runs keep their output so GET /runs/<id> can return it later. */
  keepOutput?: boolean;
  /** Decided when the run started (decideLineage); absent = full. */
  lineage?: TLineageDecision;
};

const FULL: TLineageDecision = { level: "full", sampled: true };

/**
 * Lineage: one MessageRun row per run (its steps inside), written in batches (group commit) so lineage costs
 * one statement per batch, not per message. Writing is off the message's critical path: `record`
 * returns at once unless more than `highWater` runs are waiting, then it waits (back-pressure). The
 * price: an engine killed outright loses the lineage of its last few hundred milliseconds of runs
 * (their effects are not lost); a graceful stop flushes everything.
 */
export class LineageWriter {
  /** Steps of runs still going, by run id; offsetMs holds the absolute start until the run is recorded. */
  private readonly pending = new Map<string, { at: number; steps: TStepRecord[] }>();
  private readonly batcher: Batcher<TRunRow>;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly pool: pg.Pool,
    private readonly retention: TRetention,
    private readonly log?: TLog,
    private readonly highWater = 4_000,
  ) {
    // Nobody waits on lineage: linger so each statement carries a thousand runs or more, not a handful
    // (at 50 ms the linger fired first, at about 160 rows a statement).
    this.batcher = new Batcher((rows) => this.write(rows), 2_000, 150);
    // Runs that threw never reach record(): drop their step events after a while.
    this.sweeper = setInterval(() => {
      const cutoff = Date.now() - 10 * 60_000;
      for (const [id, p] of this.pending) if (p.at < cutoff) this.pending.delete(id);
    }, 60_000);
    this.sweeper.unref();
  }

  /** For the runner's observer: keeps what the journey shows, not the step's messages. */
  onStep(e: TStepEvent): void {
    let p = this.pending.get(e.runId);
    if (!p) {
      p = { at: Date.now(), steps: [] };
      this.pending.set(e.runId, p);
    }
    const step: TStepRecord = {
      step: e.stepId,
      kind: e.stepKind,
      component: e.use,
      status: e.outcome,
      attempts: e.attempts,
      durationMs: Math.round(e.durationMs),
      offsetMs: e.startedAt,
    };
    if (e.error) step.error = e.error;
    p.steps.push(step);
  }

  async record(r: TRecordInput): Promise<void> {
    const decision = r.lineage ?? FULL;
    if (!keepsRun(decision, r.result.status, r.input)) {
      // Not kept: its steps go; the minute rollups counted it already (the worker observes every run).
      this.pending.delete(r.result.runId);
      return;
    }
    // A failed lineage write is logged, never thrown: the run's outputs already happened, and failing
    // it would redeliver the message. Above the high-water mark the caller waits (back-pressure).
    const logged = this.batcher
      .add(this.toRow(r))
      .catch((error: unknown) =>
        this.log?.warn(
          { err: String(error), flow: r.ctx.flowName },
          "lineage write failed; these runs have no lineage",
        ),
      );
    if (this.batcher.pending > this.highWater) await logged;
  }

  private toRow(r: TRecordInput): TRunRow {
    const steps = this.pending.get(r.result.runId)?.steps ?? [];
    this.pending.delete(r.result.runId);
    for (const s of steps) s.offsetMs = Math.max(0, Math.round(s.offsetMs - r.startedAt));
    const status = STATUS[r.result.status];
    const failed = status === "failed" || status === "dead_lettered";
    const keepInput = this.retention === "all" || (this.retention === "failed" && failed);
    const outputs = r.result.delivered.map((d) => d.message);
    const keepOut = (this.retention === "all" || r.keepOutput) && outputs.length > 0;
    const error =
      [...r.result.deadLetters, ...r.result.failures].map((d) => `${d.failedStep}: ${d.error}`).join("; ") || null;
    return {
      ctx: r.ctx,
      level: r.lineage?.level ?? "full",
      values: [
        r.result.runId || randomUUID(),
        r.input.id,
        r.input.correlationId,
        status,
        r.attempt,
        hashBody(r.input.body),
        hashMessages(outputs),
        keepInput ? bodyToText(r.input.body).text : null,
        keepOut ? bodyToText(outputs[outputs.length - 1].body).text : null,
        error,
        r.startedAt,
        Math.round(r.result.durationMs),
      ],
      steps: JSON.stringify(steps),
    };
  }

  /**
   * One statement per deployment in the batch (usually one), one array parameter per column (unnest)
   * and the steps of all runs as one JSON array: the server parses each value once, about a third of
   * the CPU of extracting every field from one JSON document per row.
   */
  private async write(rows: TRunRow[]): Promise<void> {
    // Grouped by deployment and level (one level per deployment, bar a policy change mid-batch).
    const groups = new Map<TRunContext, Map<TLineageLevel, TRunRow[]>>();
    for (const r of rows) {
      let byLevel = groups.get(r.ctx);
      if (!byLevel) groups.set(r.ctx, (byLevel = new Map()));
      const group = byLevel.get(r.level);
      if (group) group.push(r);
      else byLevel.set(r.level, [r]);
    }
    for (const [ctx, byLevel] of groups)
      for (const [level, group] of byLevel) {
        const cols: unknown[][] = COLUMN_TYPES.map((_, c) => group.map((r) => r.values[c]));
        await this.pool.query({
          ...INSERT_RUNS,
          values: [
            ...cols,
            ctx.flowId,
            ctx.flowVersionId,
            ctx.environmentId,
            ctx.deploymentId,
            `[${group.map((r) => r.steps).join(",")}]`,
            level,
          ],
        });
      }
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  /** Runs accepted but not yet committed (shutdown waits for 0). */
  get queued(): number {
    return this.batcher.pending + this.batcher.inFlight;
  }
}

/**
 * Deletes runs that started more than `olderThanMs` ago, `batch` rows per statement so no statement
 * holds its locks for long while engines keep writing; returns how many went.
 */
export async function purgeLineage(pool: pg.Pool, olderThanMs: number, batch = 10_000): Promise<number> {
  let total = 0;
  for (;;) {
    // startedAt holds UTC wall time (timestamp without time zone).
    const r = await pool.query(
      `DELETE FROM "MessageRun" WHERE "id" IN (
         SELECT "id" FROM "MessageRun" WHERE "startedAt" < (now() AT TIME ZONE 'UTC') - make_interval(secs => $1::float8 / 1000) LIMIT $2)`,
      [olderThanMs, batch],
    );
    total += r.rowCount ?? 0;
    if ((r.rowCount ?? 0) < batch) return total;
  }
}
