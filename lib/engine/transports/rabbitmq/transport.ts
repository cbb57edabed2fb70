import amqp, { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage } from "amqplib";
import type { Message } from "@/lib/engine/core/message";
import { backoffDelay } from "@/lib/engine/core/retry";
import { decodeMessage, encodeMessage } from "../codec";
import {
  retryAfterOf,
  type TConsumeOptions,
  type TConsumer,
  type TMessageHandler,
  type TPublishOptions,
  type Transport,
} from "../types";

export type TRabbitTransportOptions = {
  url: string;
  /** Shown in the broker's connection list (and used by tests to find the connection). */
  connectionName?: string;
  /** Topic exchange carrying publish-subscribe traffic. */
  exchange?: string;
  /** Reconnect backoff: full jitter between 0 and min(maxMs, initialMs·2^n). */
  reconnect?: { initialMs: number; maxMs: number };
  log?: {
    info(obj: object, msg?: string): void;
    warn(obj: object, msg?: string): void;
    error(obj: object, msg?: string): void;
  };
};

const QUORUM = { durable: true, arguments: { "x-queue-type": "quorum" } } as const;
const NEVER = new AbortController().signal;

type TDeferred = { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void };
function deferred(): TDeferred {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * RabbitMQ for scale-out: quorum queues, publisher confirms, manual acks and prefetch. After a
 * connection drop it reconnects with backoff, re-declares topology lazily and re-attaches every
 * consumer; deliveries that were in flight on the dead channel are redelivered by the broker.
 */
export class RabbitTransport implements Transport {
  readonly kind = "rabbitmq" as const;
  private conn: ChannelModel | null = null;
  private pub: ConfirmChannel | null = null;
  private ready = deferred();
  /** Declarations done on the current connection; promises, so concurrent publishers declare once. */
  private readonly declared = new Map<string, Promise<unknown>>();
  private readonly consumers = new Set<RabbitConsumer>();
  private readonly exchange: string;
  private closed = false;
  private attempt = 0;
  private drained: Promise<void> | null = null;

  constructor(private readonly opts: TRabbitTransportOptions) {
    this.exchange = opts.exchange ?? "switchboard.topics";
  }

  /** Connects (retrying with backoff until it works or the transport is closed). */
  async start(): Promise<void> {
    void this.connectLoop();
    await this.ready.promise;
  }

  private async connectLoop(): Promise<void> {
    const { initialMs, maxMs } = this.opts.reconnect ?? { initialMs: 100, maxMs: 10_000 };
    while (!this.closed) {
      try {
        await this.connectOnce();
        this.attempt = 0;
        return;
      } catch (error) {
        const delay = backoffDelay(
          { maxAttempts: Infinity, initialDelayMs: initialMs, maxDelayMs: maxMs, multiplier: 2 },
          ++this.attempt,
        );
        this.opts.log?.warn({ err: String(error), delayMs: delay }, "RabbitMQ connect failed; retrying");
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private async connectOnce(): Promise<void> {
    // Heartbeats detect a silently dead peer (no FIN/RST) within ~2 intervals.
    const url = /[?&]heartbeat=/.test(this.opts.url)
      ? this.opts.url
      : `${this.opts.url}${this.opts.url.includes("?") ? "&" : "?"}heartbeat=10`;
    const conn = await amqp.connect(url, {
      clientProperties: { connection_name: this.opts.connectionName ?? "switchboard-engine" },
    });
    conn.on("error", () => undefined); // "close" follows and drives the reconnect
    conn.on("close", (err?: Error) => this.onDrop(conn, err));
    let pub: ConfirmChannel;
    try {
      pub = await conn.createConfirmChannel();
    } catch (error) {
      await conn.close().catch(() => undefined);
      throw error;
    }
    pub.on("error", () => undefined);
    pub.on("close", () => {
      // A channel-level error (e.g. a bad declare) closes only the channel: open a new one.
      if (this.pub === pub && this.conn === conn && !this.closed) {
        this.pub = null;
        this.declared.clear();
        conn.createConfirmChannel().then(
          (c) => {
            c.on("error", () => undefined);
            this.pub = c;
          },
          () => undefined,
        );
      }
    });
    pub.on("drain", () => undefined);
    this.conn = conn;
    this.pub = pub;
    this.declared.clear();
    this.opts.log?.info({ connection: this.opts.connectionName }, "RabbitMQ connected");
    for (const consumer of this.consumers)
      await consumer
        .attach(conn)
        .catch((e: unknown) => this.opts.log?.warn({ err: String(e) }, "consumer re-attach failed"));
    this.ready.resolve();
  }

  private onDrop(conn: ChannelModel, err?: Error): void {
    if (this.conn !== conn) return;
    this.conn = null;
    this.pub = null;
    this.drained = null;
    if (this.closed) return;
    this.opts.log?.warn({ err: err?.message ?? "closed" }, "RabbitMQ connection lost; reconnecting");
    this.ready = deferred();
    for (const consumer of this.consumers) consumer.detach();
    void this.connectLoop();
  }

  private async channel(): Promise<ConfirmChannel> {
    for (;;) {
      if (this.closed) throw new Error("transport is closed");
      await this.ready.promise;
      if (this.pub) return this.pub;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private declareQueue(ch: Channel, queue: string): Promise<unknown> {
    return this.declareOnce(`q:${queue}`, () => ch.assertQueue(queue, QUORUM));
  }

  private declareExchange(ch: Channel): Promise<unknown> {
    return this.declareOnce(`x:${this.exchange}`, () => ch.assertExchange(this.exchange, "topic", { durable: true }));
  }

  private declareOnce(key: string, fn: () => Promise<unknown>): Promise<unknown> {
    let p = this.declared.get(key);
    if (!p) {
      p = fn();
      this.declared.set(key, p);
      p.catch(() => this.declared.delete(key));
    }
    return p;
  }

  /**
   * Resolves once the broker confirms. A connection or channel lost before the confirm fails the
   * publish in amqplib; it is sent again on the next channel, so delivery stays at least once.
   */
  async publish(destination: string, msg: Message, opts: TPublishOptions = {}): Promise<void> {
    const content = encodeMessage(msg);
    for (;;) {
      const ch = await this.channel();
      try {
        await this.publishOn(ch, destination, msg, content, opts);
        return;
      } catch (error) {
        const channelLost =
          this.pub !== ch || (error instanceof Error && /channel closed|connection closed/i.test(error.message));
        if (this.closed || !channelLost) throw error;
        this.opts.log?.warn(
          { err: String(error), destination },
          "publish lost with its channel; publishing again after reconnect",
        );
      }
    }
  }

  private async publishOn(
    ch: ConfirmChannel,
    destination: string,
    msg: Message,
    content: Buffer,
    opts: TPublishOptions,
  ): Promise<void> {
    if (opts.topic) await this.declareExchange(ch);
    else await this.declareQueue(ch, destination);
    if (this.drained) await this.drained;
    await new Promise<void>((resolve, reject) => {
      const ok = ch.publish(
        opts.topic ? this.exchange : "",
        destination,
        content,
        {
          persistent: true,
          messageId: msg.id,
          correlationId: msg.correlationId,
          contentType: "application/json",
          type: msg.type,
        },
        (err: unknown) =>
          err
            ? reject(err instanceof Error ? err : new Error(`publish to ${destination} was not confirmed`))
            : resolve(),
      );
      // Respect the socket's back-pressure: later publishes wait for "drain" (or for the channel to go).
      if (!ok && !this.drained) {
        this.drained = new Promise<void>((r) => {
          ch.once("drain", r);
          ch.once("close", r);
        }).finally(() => (this.drained = null));
      }
    });
  }

  async bindTopic(topic: string, queue: string): Promise<void> {
    const ch = await this.channel();
    await this.declareExchange(ch);
    await this.declareQueue(ch, queue);
    await ch.bindQueue(queue, this.exchange, topic);
  }

  /**
   * Ready messages only (the broker does not count unacked deliveries). A queue that does not exist
   * has depth 0; checking never creates it. A throwaway channel, because a failed check closes it.
   */
  async depth(queue: string): Promise<number> {
    await this.channel();
    const conn = this.conn;
    if (!conn) return this.depth(queue);
    return (await readyCount(conn, queue)) ?? 0;
  }

  async deleteQueue(queue: string): Promise<void> {
    const ch = await this.channel();
    await ch.deleteQueue(queue);
    this.declared.delete(`q:${queue}`);
  }

  async consume(
    queue: string,
    handler: TMessageHandler,
    opts: TConsumeOptions & { abortInFlight?: AbortSignal },
  ): Promise<TConsumer> {
    if (this.closed) throw new Error("transport is closed");
    const consumer = new RabbitConsumer(queue, handler, opts.prefetch, opts.abortInFlight ?? NEVER, this.opts.log);
    this.consumers.add(consumer);
    await this.ready.promise;
    if (this.conn) await consumer.attach(this.conn);
    const stop = () => {
      this.consumers.delete(consumer);
      void consumer.stop();
    };
    if (opts.signal.aborted) stop();
    else opts.signal.addEventListener("abort", stop, { once: true });
    return { done: consumer.done };
  }

  /** The live connection, so tests can simulate a network drop. */
  get connection(): ChannelModel | null {
    return this.conn;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.ready.reject(new Error("transport is closed"));
    await Promise.allSettled([...this.consumers].map((c) => c.stop()));
    this.consumers.clear();
    const conn = this.conn;
    this.conn = null;
    this.pub = null;
    await conn?.close().catch(() => undefined);
  }
}

/**
 * Acks coalesced per event-loop turn: the longest run of finished deliveries at the head of the
 * channel's window goes as one `multiple` ack (one frame, one settlement for the quorum queue);
 * finished deliveries behind a still-running one are acked singly, so a slow message never holds
 * the prefetch window of the others.
 */
export class AckBatch {
  private readonly window: ConsumeMessage[] = [];
  private readonly finished = new Set<ConsumeMessage>();
  private scheduled = false;

  constructor(private readonly ch: Channel) {}

  delivered(m: ConsumeMessage): void {
    this.window.push(m);
  }

  ack(m: ConsumeMessage): void {
    this.finished.add(m);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** A nack settles just that delivery: it leaves the window at once. */
  nack(m: ConsumeMessage, requeue: boolean): void {
    const i = this.window.indexOf(m);
    if (i >= 0) this.window.splice(i, 1);
    safe(() => this.ch.nack(m, false, requeue));
  }

  flush(): void {
    this.scheduled = false;
    let head = 0;
    while (head < this.window.length && this.finished.has(this.window[head])) this.finished.delete(this.window[head++]);
    if (head > 0) {
      const last = this.window[head - 1];
      this.window.splice(0, head);
      safe(() => this.ch.ack(last, head > 1));
    }
    if (!this.finished.size) return;
    for (const m of this.finished) {
      this.window.splice(this.window.indexOf(m), 1);
      safe(() => this.ch.ack(m));
    }
    this.finished.clear();
  }
}

class RabbitConsumer {
  private ch: Channel | null = null;
  private acks: AckBatch | null = null;
  private tag: string | null = null;
  private readonly running = new Set<Promise<void>>();
  private stopping = false;
  private readonly finished = deferred();
  readonly done = this.finished.promise;

  constructor(
    private readonly queue: string,
    private readonly handler: TMessageHandler,
    private readonly prefetch: number,
    private readonly abortInFlight: AbortSignal,
    private readonly log?: TRabbitTransportOptions["log"],
  ) {}

  async attach(conn: ChannelModel): Promise<void> {
    if (this.stopping) return;
    const ch = await conn.createChannel();
    ch.on("error", () => undefined);
    ch.on("close", () => {
      if (this.ch === ch) this.ch = null;
    });
    const isNew = (await readyCount(conn, this.queue)) === null;
    await ch.prefetch(this.prefetch);
    await ch.assertQueue(this.queue, QUORUM);
    // RabbitMQ 3.10 can fail a basic.consume that follows the creation of a quorum queue at once (its
    // Raft member is not registered yet) and then closes the whole connection: let a new queue settle.
    if (isNew) await new Promise((r) => setTimeout(r, NEW_QUEUE_SETTLE_MS));
    const acks = new AckBatch(ch);
    const r = await ch.consume(this.queue, (m) => m && this.onDelivery(ch, acks, m), { noAck: false });
    this.ch = ch;
    this.acks = acks;
    this.tag = r.consumerTag;
  }

  /** The connection died: its deliveries go back to the queue on the broker side. */
  detach(): void {
    this.ch = null;
    this.acks = null;
    this.tag = null;
  }

  private onDelivery(ch: Channel, acks: AckBatch, m: ConsumeMessage): void {
    acks.delivered(m);
    const p = this.handle(ch, acks, m);
    this.running.add(p);
    const done = () => void this.running.delete(p);
    p.then(done, done);
  }

  private async handle(ch: Channel, acks: AckBatch, m: ConsumeMessage): Promise<void> {
    // Quorum queues count earlier failed deliveries in x-delivery-count.
    const previous = Number(m.properties.headers?.["x-delivery-count"] ?? (m.fields.redelivered ? 1 : 0));
    let msg: Message;
    try {
      msg = decodeMessage(m.content);
    } catch (error) {
      this.log?.error({ err: String(error), queue: this.queue }, "undecodable message rejected");
      acks.nack(m, false);
      return;
    }
    try {
      await this.handler(msg, { deliveryCount: previous + 1, signal: this.abortInFlight });
    } catch (error) {
      const delay = this.stopping ? 0 : retryAfterOf(error);
      if (delay) await new Promise((r) => setTimeout(r, delay));
      if (this.ch === ch) acks.nack(m, true);
      return;
    }
    // Acking on a channel that closed is impossible; the broker redelivers that message instead.
    if (this.ch === ch) acks.ack(m);
  }

  async stop(): Promise<void> {
    if (this.stopping) return this.done;
    this.stopping = true;
    const ch = this.ch;
    if (ch && this.tag) await ch.cancel(this.tag).catch(() => undefined);
    while (this.running.size) await Promise.allSettled([...this.running]);
    if (this.ch === ch) this.acks?.flush();
    this.ch = null;
    await ch?.close().catch(() => undefined);
    this.finished.resolve();
    return this.done;
  }
}

const NEW_QUEUE_SETTLE_MS = 250;

/** Ready messages of a queue, or null when it does not exist; a throwaway channel, as a failed check closes it. */
async function readyCount(conn: ChannelModel, queue: string): Promise<number | null> {
  const ch = await conn.createChannel();
  ch.on("error", () => undefined);
  try {
    return (await ch.checkQueue(queue)).messageCount;
  } catch {
    return null;
  } finally {
    await ch.close().catch(() => undefined);
  }
}

function safe(fn: () => void): void {
  try {
    fn();
  } catch {
    // The channel closed between the check and the call: the broker redelivers.
  }
}
