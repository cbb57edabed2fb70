import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Message } from "@/lib/engine/core/message";
import type { TStepEvent } from "@/lib/engine/core/observer";
import type { TRunResult } from "@/lib/engine/core/runner";
import { Batcher } from "@/lib/engine/transports/batcher";
import type { TLog, TRetention, TRunContext } from "./context";
import { bodyToText, hashBody, hashMessages } from "./payload";

type TRunRow = {
  id: string;
  messageId: string;
  correlationId: string;
  ctx: TRunContext;
  status: "succeeded" | "filtered" | "failed" | "dead_lettered";
  attempt: number;
  inputHash: string;
  outputHash: string | null;
  inputPayload: string | null;
  outputPayload: string | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  steps: TStepEvent[];
};

const STATUS: Record<TRunResult["status"], TRunRow["status"]> = { ok: "succeeded", filtered: "filtered", failed: "failed", dead_lettered: "dead_lettered" };

export type TRecordInput = {
  ctx: TRunContext;
  input: Message;
  result: TRunResult;
  startedAt: number;
  attempt: number;
  /** Request-response runs keep their output so GET /runs/<id> can return it later. */
  keepOutput?: boolean;
};

/**
 * Lineage: one MessageRun + its StepRuns per run, written in batches (group commit) so lineage costs
 * one statement per batch, not per message. Writing is off the message's critical path: `record`
 * returns at once unless more than `highWater` runs are waiting, then it waits (back-pressure). The
 * price: an engine killed outright loses the lineage of its last few hundred milliseconds of runs
 * (their effects are not lost); a graceful stop flushes everything.
 */
export class LineageWriter {
  private readonly pending = new Map<string, { at: number; steps: TStepEvent[] }>();
  private readonly batcher: Batcher<TRunRow>;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly pool: pg.Pool,
    private readonly retention: TRetention,
    private readonly log?: TLog,
    private readonly highWater = 2_000,
  ) {
    this.batcher = new Batcher((rows) => this.write(rows), 500);
    // Runs that threw never reach record(): drop their step events after a while.
    this.sweeper = setInterval(() => {
      const cutoff = Date.now() - 10 * 60_000;
      for (const [id, p] of this.pending) if (p.at < cutoff) this.pending.delete(id);
    }, 60_000);
    this.sweeper.unref();
  }

  /** For the runner's observer. */
  onStep(event: TStepEvent): void {
    let p = this.pending.get(event.runId);
    if (!p) {
      p = { at: Date.now(), steps: [] };
      this.pending.set(event.runId, p);
    }
    p.steps.push(event);
  }

  async record(r: TRecordInput): Promise<void> {
    // A failed lineage write is logged, never thrown: the run's outputs already happened, and failing
    // it would redeliver the message. Above the high-water mark the caller waits (back-pressure).
    const logged = this.batcher
      .add(this.toRow(r))
      .catch((error: unknown) => this.log?.warn({ err: String(error), flow: r.ctx.flowName }, "lineage write failed; these runs have no lineage"));
    if (this.batcher.pending > this.highWater) await logged;
  }

  private toRow(r: TRecordInput): TRunRow {
    const steps = this.pending.get(r.result.runId)?.steps ?? [];
    this.pending.delete(r.result.runId);
    const status = STATUS[r.result.status];
    const failed = status === "failed" || status === "dead_lettered";
    const keepInput = this.retention === "all" || (this.retention === "failed" && failed);
    const outputs = r.result.delivered.map((d) => d.message);
    const keepOut = (this.retention === "all" || r.keepOutput) && outputs.length > 0;
    const error = [...r.result.deadLetters, ...r.result.failures].map((d) => `${d.failedStep}: ${d.error}`).join("; ") || null;
    const finishedAt = r.startedAt + r.result.durationMs;
    return {
      id: r.result.runId || randomUUID(),
      messageId: r.input.id,
      correlationId: r.input.correlationId,
      ctx: r.ctx,
      status,
      attempt: r.attempt,
      inputHash: hashBody(r.input.body),
      outputHash: hashMessages(outputs),
      inputPayload: keepInput ? bodyToText(r.input.body).text : null,
      outputPayload: keepOut ? bodyToText(outputs[outputs.length - 1].body).text : null,
      error,
      startedAt: new Date(r.startedAt),
      finishedAt: new Date(finishedAt),
      durationMs: Math.round(r.result.durationMs),
      steps,
    };
  }

  /** One statement per batch; rows travel as one JSON parameter (cheaper than a parameter array per column). */
  private async write(rows: TRunRow[]): Promise<void> {
    const runs = rows.map((r) => ({
      id: r.id, message: r.messageId, correlation: r.correlationId, flow: r.ctx.flowId, version: r.ctx.flowVersionId, env: r.ctx.environmentId,
      deployment: r.ctx.deploymentId, status: r.status, attempt: r.attempt, input_hash: r.inputHash, output_hash: r.outputHash,
      input_payload: r.inputPayload, output_payload: r.outputPayload, error: r.error, started: r.startedAt.toISOString(),
      finished: r.finishedAt.toISOString(), duration: r.durationMs,
    }));
    const steps = rows.flatMap((r) => {
      const started = r.startedAt.toISOString();
      return r.steps.map((s, seq) => ({
        id: randomUUID(), run: r.id, seq, step: s.stepId, kind: s.stepKind, component: s.use, status: s.outcome,
        attempts: s.attempts, duration: Math.round(s.durationMs), error: s.error ?? null, started,
      }));
    });
    await this.pool.query(
      `WITH runs AS (
         INSERT INTO "MessageRun" ("id", "messageId", "correlationId", "flowId", "flowVersionId", "environmentId", "deploymentId", "status",
           "attempt", "inputHash", "outputHash", "inputPayload", "outputPayload", "error", "startedAt", "finishedAt", "durationMs")
         SELECT t.id, t.message, t.correlation, t.flow, t.version, t.env, t.deployment, t.status::"MessageRunStatus", t.attempt, t.input_hash,
           t.output_hash, t.input_payload, t.output_payload, t.error, t.started, t.finished, t.duration
         FROM json_to_recordset($1::json) AS t(id text, message text, correlation text, flow text, version text, env text, deployment text,
           status text, attempt int, input_hash text, output_hash text, input_payload text, output_payload text, error text,
           started timestamp, finished timestamp, duration int)
         ON CONFLICT ("id") DO NOTHING
         RETURNING "id")
       INSERT INTO "StepRun" ("id", "runId", "seq", "step", "kind", "component", "status", "attempts", "durationMs", "error", "startedAt")
       SELECT t.id, t.run, t.seq, t.step, t.kind, t.component, t.status::"StepRunStatus", t.attempts, t.duration, t.error, t.started
       FROM json_to_recordset($2::json) AS t(id text, run text, seq int, step text, kind text, component text, status text, attempts int,
         duration int, error text, started timestamp)
       WHERE t.run IN (SELECT "id" FROM runs)`,
      [JSON.stringify(runs), JSON.stringify(steps)],
    );
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  /** Runs accepted but not yet committed (shutdown waits for 0). */
  get queued(): number {
    return this.batcher.pending + this.batcher.inFlight;
  }
}
