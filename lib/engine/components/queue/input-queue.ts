import { z } from "zod";
import { defineComponent, type Ack, type Input } from "@/lib/engine/core/contracts";
import type { Message } from "@/lib/engine/core/message";
import type { TConsumer, TDeliveryInfo, Transport } from "@/lib/engine/transports/types";
import { QUEUE_NAME, transportOf } from "./deps";

const ZQueueInputConfig = z
  .object({
    queue: z.string().regex(QUEUE_NAME, "letters, digits, . _ : - (max 200)").describe("Queue to consume; each subscriber flow needs its own."),
    topic: z.string().regex(QUEUE_NAME).optional().describe("Subscribe the queue to this topic (publish-subscribe)."),
    prefetch: z.number().int().min(1).max(1_000).optional().describe("Unacked messages held at once; defaults to the flow's concurrency."),
  })
  .strict();

type THandoff = { msg: Message; ack: Ack; deliveryCount: number };

/**
 * Bridges the transport's push consumer to the pull `Input` contract: each delivery waits, unacked,
 * until the runner calls `ack`; `ack(error)` returns the message to the queue.
 */
export class QueueInput implements Input {
  readonly concurrentReads = true;
  private consumer: TConsumer | null = null;
  private readonly stop = new AbortController();
  private readonly ready: THandoff[] = [];
  private readonly readers: ((h: THandoff) => void)[] = [];
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
          const handoff: THandoff = { msg, ack: async (error) => (error ? reject(error) : resolve()), deliveryCount: info.deliveryCount };
          const reader = this.readers.shift();
          if (reader) reader(handoff);
          else this.ready.push(handoff);
        }),
      { prefetch: this.config.prefetch, signal: this.stop.signal },
    );
  }

  read(s: AbortSignal): Promise<THandoff> {
    const next = this.ready.shift();
    if (next) return Promise.resolve(next);
    if (this.closed) return Promise.reject(new Error("input closed"));
    return new Promise((resolve, reject) => {
      const reader = (h: THandoff) => {
        s.removeEventListener("abort", onAbort);
        resolve(h);
      };
      const onAbort = () => {
        const i = this.readers.indexOf(reader);
        if (i >= 0) this.readers.splice(i, 1);
        reject(s.reason ?? new Error("aborted"));
      };
      if (s.aborted) return onAbort();
      s.addEventListener("abort", onAbort, { once: true });
      this.readers.push(reader);
    });
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
  create: (config, deps) => new QueueInput(transportOf(deps, "input queue"), { ...config, prefetch: config.prefetch ?? 16 }),
});
