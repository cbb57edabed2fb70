import type pg from "pg";
import type { Message } from "@/lib/engine/core/message";
import { Batcher } from "../batcher";
import { decodeMessage, encodeMessage } from "../codec";
import {
  retryAfterOf,
  type TConsumeOptions,
  type TConsumer,
  type TMessageHandler,
  type TPublishOptions,
  type Transport,
} from "../types";
import type { PgListener } from "./listener";

export const QUEUE_CHANNEL = "switchboard_queue";

export type TPgTransportOptions = {
  /** Durable pool: publishes. */
  pool: pg.Pool;
  /** Pool for claims, acks and visibility changes; may skip the WAL flush (see createPgPool). Defaults to `pool`. */
  fastPool?: pg.Pool;
  listener: PgListener;
  /** Written to lockedBy so an operator can see which engine holds a message. */
  workerId: string;
  /** A claimed message becomes claimable again after this long unless acked or extended. */
  visibilityMs?: number;
  /** Longest idle wait between claims when no NOTIFY arrives (the polling fallback). */
  pollMs?: number;
  /** Most rows claimed by one statement. */
  claimBatch?: number;
  log?: { warn(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
};

type TPublishRow = { queue: string; messageId: string; payload: Buffer; headers: string; delayMs: number };
type TClaimed = { id: string; attempts: number; payload: Buffer };
type TAckRow = { id: string; attempts: number };

const NEVER = new AbortController().signal;

/**
 * The default transport: QueueMessage rows claimed with FOR UPDATE SKIP LOCKED. Claiming moves
 * availableAt forward by the visibility timeout, so a crashed worker's messages come back without a
 * sweeper; long handlers extend it. Ack deletes the row, guarded by the claim's attempt number so
 * a slow worker can never delete a message another worker re-claimed.
 */
export class PostgresTransport implements Transport {
  readonly kind = "postgres" as const;
  private readonly pool: pg.Pool;
  private readonly fast: pg.Pool;
  private readonly visibilityMs: number;
  private readonly pollMs: number;
  private readonly claimBatch: number;
  private readonly publisher: Batcher<TPublishRow>;
  private readonly acker: Batcher<TAckRow>;
  private readonly stops = new Set<AbortController>();
  private closed = false;

  constructor(private readonly opts: TPgTransportOptions) {
    this.pool = opts.pool;
    this.fast = opts.fastPool ?? opts.pool;
    this.visibilityMs = opts.visibilityMs ?? 30_000;
    this.pollMs = opts.pollMs ?? 1_000;
    this.claimBatch = opts.claimBatch ?? 100;
    this.publisher = new Batcher((rows) => this.insertRows(rows));
    this.acker = new Batcher((rows) => this.deleteRows(rows), 1_000);
  }

  async publish(destination: string, msg: Message, opts: TPublishOptions = {}): Promise<void> {
    this.assertOpen();
    const payload = encodeMessage(msg);
    const headers = JSON.stringify(msg.headers ?? {});
    const delayMs = Math.max(0, opts.delayMs ?? 0);
    if (!opts.topic) return this.publisher.add({ queue: destination, messageId: msg.id, payload, headers, delayMs });
    // One row per subscriber queue, in one statement, so subscribers see all or none of it.
    await this.pool.query(
      `WITH ins AS (
         INSERT INTO "QueueMessage" ("queue", "messageId", "payload", "headers", "availableAt")
         SELECT b."queue", $2, $3, $4::jsonb, now() + make_interval(secs => $5::float8 / 1000)
         FROM "QueueBinding" b WHERE b."topic" = $1
         RETURNING "queue")
       SELECT pg_notify('${QUEUE_CHANNEL}', q) FROM (SELECT DISTINCT "queue" AS q FROM ins) d`,
      [destination, msg.id, payload, headers, delayMs],
    );
  }

  private async insertRows(rows: TPublishRow[]): Promise<void> {
    await this.pool.query(
      `WITH ins AS (
         INSERT INTO "QueueMessage" ("queue", "messageId", "payload", "headers", "availableAt")
         SELECT t.q, t.m, t.p, t.h, now() + make_interval(secs => t.d / 1000)
         FROM unnest($1::text[], $2::text[], $3::bytea[], $4::jsonb[], $5::float8[]) AS t(q, m, p, h, d)
         RETURNING "queue")
       SELECT pg_notify('${QUEUE_CHANNEL}', q) FROM (SELECT DISTINCT "queue" AS q FROM ins) d`,
      [
        rows.map((r) => r.queue),
        rows.map((r) => r.messageId),
        rows.map((r) => r.payload),
        rows.map((r) => r.headers),
        rows.map((r) => r.delayMs),
      ],
    );
  }

  private async deleteRows(rows: TAckRow[]): Promise<void> {
    await this.fast.query(
      `DELETE FROM "QueueMessage" q USING unnest($1::bigint[], $2::int[]) AS t(id, att) WHERE q."id" = t.id AND q."attempts" = t.att`,
      [rows.map((r) => r.id), rows.map((r) => r.attempts)],
    );
  }

  async bindTopic(topic: string, queue: string): Promise<void> {
    await this.pool.query(`INSERT INTO "QueueBinding" ("topic", "queue") VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      topic,
      queue,
    ]);
  }

  async depth(queue: string): Promise<number> {
    const r = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM "QueueMessage" WHERE "queue" = $1`, [
      queue,
    ]);
    return Number(r.rows[0]?.n ?? 0);
  }

  async deleteQueue(queue: string): Promise<void> {
    await this.pool.query(`DELETE FROM "QueueMessage" WHERE "queue" = $1`, [queue]);
    await this.pool.query(`DELETE FROM "QueueBinding" WHERE "queue" = $1`, [queue]);
  }

  async consume(
    queue: string,
    handler: TMessageHandler,
    opts: TConsumeOptions & { abortInFlight?: AbortSignal },
  ): Promise<TConsumer> {
    this.assertOpen();
    await this.opts.listener.listen(QUEUE_CHANNEL);
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    opts.signal.addEventListener("abort", onAbort, { once: true });
    if (opts.signal.aborted) stop.abort();
    this.stops.add(stop);
    const consumer = new PgConsumer(this, queue, handler, opts.prefetch, stop.signal, opts.abortInFlight ?? NEVER);
    const done = consumer.run().finally(() => {
      this.stops.delete(stop);
      opts.signal.removeEventListener("abort", onAbort);
    });
    return { done };
  }

  /** @internal claims up to `limit` visible rows and hides them for the visibility timeout. */
  async claim(queue: string, limit: number): Promise<TClaimed[]> {
    const r = await this.fast.query<{ id: string; attempts: number; payload: Buffer }>(
      `UPDATE "QueueMessage" m
       SET "availableAt" = now() + make_interval(secs => $3::float8 / 1000), "lockedBy" = $4, "lockedAt" = now(), "attempts" = m."attempts" + 1
       WHERE m."id" IN (
         SELECT "id" FROM "QueueMessage"
         WHERE "queue" = $1 AND "availableAt" <= now()
         ORDER BY "availableAt", "id" LIMIT $2
         FOR UPDATE SKIP LOCKED)
       RETURNING m."id", m."attempts", m."payload"`,
      [queue, Math.min(limit, this.claimBatch), this.visibilityMs, this.opts.workerId],
    );
    return r.rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  /** @internal ms until the next row on the queue becomes claimable (null when the queue is empty). */
  async nextVisibleInMs(queue: string): Promise<number | null> {
    const r = await this.fast.query<{ ms: number | null }>(
      `SELECT (EXTRACT(EPOCH FROM (min("availableAt") - now())) * 1000)::float8 AS ms FROM "QueueMessage" WHERE "queue" = $1`,
      [queue],
    );
    const ms = r.rows[0]?.ms;
    return ms === null || ms === undefined ? null : Math.max(0, ms);
  }

  /** @internal */
  ack(row: TAckRow): Promise<void> {
    return this.acker.add(row);
  }

  /** @internal returns the message to the queue, visible again after `delayMs`. */
  async nack(row: TAckRow, delayMs: number): Promise<void> {
    await this.fast.query(
      `UPDATE "QueueMessage" SET "availableAt" = now() + make_interval(secs => $3::float8 / 1000), "lockedBy" = NULL, "lockedAt" = NULL
       WHERE "id" = $1 AND "attempts" = $2`,
      [row.id, row.attempts, delayMs],
    );
  }

  /** @internal moves a row nobody can decode aside instead of redelivering it forever. */
  async quarantine(row: TAckRow, queue: string): Promise<void> {
    await this.fast.query(
      `UPDATE "QueueMessage" SET "queue" = $3, "lockedBy" = NULL WHERE "id" = $1 AND "attempts" = $2`,
      [row.id, row.attempts, `${queue}.undecodable`],
    );
  }

  /** @internal keeps in-flight messages hidden while their handlers are still working. */
  async extend(rows: TAckRow[]): Promise<void> {
    if (!rows.length) return;
    await this.fast.query(
      `UPDATE "QueueMessage" q SET "availableAt" = now() + make_interval(secs => $3::float8 / 1000)
       FROM unnest($1::bigint[], $2::int[]) AS t(id, att) WHERE q."id" = t.id AND q."attempts" = t.att`,
      [rows.map((r) => r.id), rows.map((r) => r.attempts), this.visibilityMs],
    );
  }

  /** @internal */
  get settings() {
    return { visibilityMs: this.visibilityMs, pollMs: this.pollMs, listener: this.opts.listener, log: this.opts.log };
  }

  private assertOpen(): void {
    if (this.closed) throw new Error("transport is closed");
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.stops) stop.abort();
    // Let pending acks and publishes reach the database before the pool goes away.
    while (this.acker.pending || this.publisher.pending) await new Promise((r) => setTimeout(r, 5));
  }
}

class PgConsumer {
  private readonly inFlight = new Map<string, TAckRow>();
  private readonly running = new Set<Promise<void>>();
  private wake: (() => void) | null = null;
  private notified = false;
  private readonly minClaim: number;

  constructor(
    private readonly t: PostgresTransport,
    private readonly queue: string,
    private readonly handler: TMessageHandler,
    private readonly prefetch: number,
    private readonly stop: AbortSignal,
    private readonly abortInFlight: AbortSignal,
  ) {
    this.minClaim = Math.max(1, Math.floor(prefetch / 4));
  }

  async run(): Promise<void> {
    const { listener, visibilityMs, pollMs, log } = this.t.settings;
    const onNotify = (queue: string) => {
      if (queue !== this.queue) return;
      this.notified = true;
      this.wake?.();
    };
    const onReconnect = () => this.wake?.();
    const onStop = () => this.wake?.();
    listener.on(QUEUE_CHANNEL, onNotify);
    listener.on("reconnected", onReconnect);
    this.stop.addEventListener("abort", onStop, { once: true });
    const extender = setInterval(
      () => {
        this.t
          .extend([...this.inFlight.values()])
          .catch((e: unknown) => log?.warn({ err: String(e), queue: this.queue }, "could not extend visibility"));
      },
      Math.max(250, Math.floor(visibilityMs / 3)),
    );
    extender.unref();
    let backoffMs = 100;
    try {
      while (!this.stop.aborted) {
        const free = this.prefetch - this.inFlight.size;
        // Claim in batches: one statement per freed slot would make claims the bottleneck.
        if (free <= 0 || (free < this.minClaim && this.inFlight.size > 0 && !this.notified)) {
          await this.sleep(pollMs);
          continue;
        }
        this.notified = false;
        let rows: TClaimed[];
        try {
          rows = await this.t.claim(this.queue, free);
          backoffMs = 100;
        } catch (error) {
          log?.warn({ err: String(error), queue: this.queue }, "claim failed; retrying");
          await this.sleep(backoffMs);
          backoffMs = Math.min(backoffMs * 2, 5_000);
          continue;
        }
        for (const row of rows) this.dispatch(row);
        if (rows.length >= free || this.notified || this.stop.aborted) continue;
        const next = await this.t.nextVisibleInMs(this.queue).catch(() => null);
        if (this.notified) continue;
        await this.sleep(next === null ? pollMs : Math.min(pollMs, Math.max(5, next)));
      }
      while (this.running.size) await Promise.allSettled([...this.running]);
    } finally {
      clearInterval(extender);
      listener.off(QUEUE_CHANNEL, onNotify);
      listener.off("reconnected", onReconnect);
      this.stop.removeEventListener("abort", onStop);
    }
  }

  private dispatch(row: TClaimed): void {
    const key: TAckRow = { id: row.id, attempts: row.attempts };
    this.inFlight.set(row.id, key);
    const p = this.handle(row, key).finally(() => {
      this.inFlight.delete(row.id);
      this.running.delete(p);
      this.wake?.();
    });
    this.running.add(p);
  }

  private async handle(row: TClaimed, key: TAckRow): Promise<void> {
    const { log } = this.t.settings;
    let msg: Message;
    try {
      msg = decodeMessage(row.payload);
    } catch (error) {
      log?.error({ err: String(error), queue: this.queue, id: row.id }, "undecodable message moved aside");
      await this.t.quarantine(key, this.queue).catch(() => undefined);
      return;
    }
    try {
      await this.handler(msg, { deliveryCount: row.attempts, signal: this.abortInFlight });
    } catch (error) {
      // Nack failures leave the row hidden until the visibility timeout: still not lost.
      await this.t.nack(key, retryAfterOf(error)).catch((e: unknown) => log?.warn({ err: String(e) }, "nack failed"));
      return;
    }
    await this.t
      .ack(key)
      .catch((e: unknown) =>
        log?.warn({ err: String(e), queue: this.queue }, "ack failed; message will be redelivered"),
      );
  }

  private sleep(ms: number): Promise<void> {
    if (this.stop.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
