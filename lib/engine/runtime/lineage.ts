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

  private async write(rows: TRunRow[]): Promise<void> {
    const steps = rows.flatMap((r) =>
      r.steps.map((s, seq) => ({ runId: r.id, seq, s, startedAt: new Date(r.startedAt.getTime()) })),
    );
    await this.pool.query(
      `WITH runs AS (
         INSERT INTO "MessageRun" ("id", "messageId", "correlationId", "flowId", "flowVersionId", "environmentId", "deploymentId", "status",
           "attempt", "inputHash", "outputHash", "inputPayload", "outputPayload", "error", "startedAt", "finishedAt", "durationMs")
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::"MessageRunStatus"[],
           $9::int[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::timestamp[], $16::timestamp[], $17::int[])
         ON CONFLICT ("id") DO NOTHING
         RETURNING "id")
       INSERT INTO "StepRun" ("id", "runId", "seq", "step", "kind", "component", "status", "attempts", "durationMs", "error", "startedAt")
       SELECT t.* FROM unnest($18::text[], $19::text[], $20::int[], $21::text[], $22::text[], $23::text[], $24::"StepRunStatus"[], $25::int[], $26::int[], $27::text[], $28::timestamp[])
         AS t(id, run, seq, step, kind, component, status, attempts, duration, error, started)
       WHERE t.run IN (SELECT "id" FROM runs)`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.messageId),
        rows.map((r) => r.correlationId),
        rows.map((r) => r.ctx.flowId),
        rows.map((r) => r.ctx.flowVersionId),
        rows.map((r) => r.ctx.environmentId),
        rows.map((r) => r.ctx.deploymentId),
        rows.map((r) => r.status),
        rows.map((r) => r.attempt),
        rows.map((r) => r.inputHash),
        rows.map((r) => r.outputHash),
        rows.map((r) => r.inputPayload),
        rows.map((r) => r.outputPayload),
        rows.map((r) => r.error),
        rows.map((r) => r.startedAt.toISOString()),
        rows.map((r) => r.finishedAt.toISOString()),
        rows.map((r) => r.durationMs),
        steps.map(() => randomUUID()),
        steps.map((x) => x.runId),
        steps.map((x) => x.seq),
        steps.map((x) => x.s.stepId),
        steps.map((x) => x.s.stepKind),
        steps.map((x) => x.s.use),
        steps.map((x) => x.s.outcome),
        steps.map((x) => x.s.attempts),
        steps.map((x) => Math.round(x.s.durationMs)),
        steps.map((x) => x.s.error ?? null),
        steps.map((x) => x.startedAt.toISOString()),
      ],
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
