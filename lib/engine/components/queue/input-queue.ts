import { z } from "zod";
import { defineComponent, type Input } from "@/lib/engine/core/contracts";
import type { Message } from "@/lib/engine/core/message";
import type { TConsumer, TDeliveryInfo, Transport } from "@/lib/engine/transports/types";
import { QUEUE_NAME, transportOf } from "./deps";

const ZQueueInputConfig = z
  .object({
    queue: z
      .string()
      .regex(QUEUE_NAME, "letters, digits, . _ : - (max 200)")
      .describe("Queue to consume; each subscriber flow needs its own."),
    topic: z.string().regex(QUEUE_NAME).optional().describe("Subscribe the queue to this topic (publish-subscribe)."),
    prefetch: z
      .number()
      .int()
      .min(1)
      .max(1_000)
      .optional()
      .describe("Unacked messages held at once; defaults to the flow's concurrency."),
  })
  .strict();

/** A delivery waiting for its run: `ack()` settles it, `ack(error)` returns it to the queue. */
class Handoff {
  constructor(
    readonly msg: Message,
    readonly deliveryCount: number,
    private readonly resolve: () => void,
    private readonly reject: (e: Error) => void,
  ) {}

  /** A method, not a closure per delivery; callers call it on the handoff. */
  async ack(error?: Error): Promise<void> {
    if (error) this.reject(error);
    else this.resolve();
  }
}

type TReader = { resolve: (h: Handoff) => void; reject: (e: unknown) => void; signal: AbortSignal };

/**
 * Bridges the transport's push consumer to the pull `Input` contract: each delivery waits, unacked,
 * until the runner calls `ack`; `ack(error)` returns the message to the queue. Hot path: one promise
 * per delivery and per waiting read, and one abort listener per signal (the loops share theirs),
 * not one per read.
 */
export class QueueInput implements Input {
  readonly concurrentReads = true;
  private consumer: TConsumer | null = null;
  private readonly stop = new AbortController();
  private readonly ready: Handoff[] = [];
  private readonly readers: TReader[] = [];
  private readonly watched = new WeakSet<AbortSignal>();
  private closed = false;

  constructor(
    private readonly transport: Transport,
    private readonly config: z.output<typeof ZQueueInputConfig> & { prefetch: number },
  ) {}

  async connect(): Promise<void> {
    if (this.consumer) return;
    if (this.config.topic) await this.transport.bindTopic(this.config.topic, this.config.queue);
    this.consumer = await this.transport.consume(
      this.config.queue,
      (msg, info: TDeliveryInfo) =>
        new Promise<void>((resolve, reject) => {
          if (this.closed) return reject(new Error("input closed"));
          const handoff = new Handoff(msg, info.deliveryCount, resolve, reject);
          const reader = this.readers.shift();
          if (reader) reader.resolve(handoff);
          else this.ready.push(handoff);
        }),
      { prefetch: this.config.prefetch, signal: this.stop.signal },
    );
  }

  read(s: AbortSignal): Promise<Handoff> {
    const next = this.ready.shift();
    if (next) return Promise.resolve(next);
    if (this.closed) return Promise.reject(new Error("input closed"));
    if (s.aborted) return Promise.reject(s.reason ?? new Error("aborted"));
    this.watch(s);
    return new Promise((resolve, reject) => this.readers.push({ resolve, reject, signal: s }));
  }

  /** When `s` aborts, the reads waiting on it give up (a delivery then waits for the next read). */
  private watch(s: AbortSignal): void {
    if (this.watched.has(s)) return;
    this.watched.add(s);
    const onAbort = () => {
      for (let i = this.readers.length - 1; i >= 0; i--) {
        if (this.readers[i].signal === s) this.readers.splice(i, 1)[0].reject(s.reason ?? new Error("aborted"));
      }
    };
    s.addEventListener("abort", onAbort, { once: true });
  }

  /** Stops taking messages; deliveries nobody read go back to the queue. Acks still pending finish first. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stop.abort();
    for (const h of this.ready.splice(0)) await h.ack(new Error("input closed before the message was read"));
    await this.consumer?.done;
  }
}

export const queueInput = defineComponent({
  kind: "input",
  name: "queue",
  status: "stable",
  summary: "Consume a queue on the engine's transport (Postgres or RabbitMQ), optionally subscribed to a topic.",
  config: ZQueueInputConfig,
  create: (config, deps) =>
    new QueueInput(transportOf(deps, "input queue"), { ...config, prefetch: config.prefetch ?? 16 }),
});
