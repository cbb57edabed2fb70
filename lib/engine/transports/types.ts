import type { Message } from "@/lib/engine/core/message";

export type TTransportKind = "postgres" | "rabbitmq";

export type TPublishOptions = {
  /** Publish to a topic: every queue bound to it (bindTopic) gets its own copy. */
  topic?: boolean;
  /** Hold the message back this long before it can be consumed (Postgres only; RabbitMQ ignores it). */
  delayMs?: number;
};

export type TDeliveryInfo = {
  /** 1 on first delivery; higher after a nack, a crashed consumer or a dropped connection. */
  deliveryCount: number;
  /** Aborts when the consumer is being stopped past its grace period: finish fast or throw. */
  signal: AbortSignal;
};

/**
 * Resolving acks the message; throwing returns it to the queue (at-least-once). A thrown error may
 * carry `retryAfterMs` to delay the redelivery.
 */
export type TMessageHandler = (msg: Message, info: TDeliveryInfo) => Promise<void>;

export type TConsumeOptions = {
  /** Most messages held (claimed, unacked) at once by this consumer. */
  prefetch: number;
  /** Abort to stop: no new messages are taken, in-flight ones finish (or are returned). */
  signal: AbortSignal;
};

export type TConsumer = {
  /** Settles once the consumer stopped and every in-flight message was acked or returned. */
  done: Promise<void>;
};

/**
 * A durable queue transport with at-least-once delivery on both implementations: a message leaves
 * the queue only when its handler resolved. Pair it with the idempotent consumer for exactly-once effect.
 */
export interface Transport {
  readonly kind: TTransportKind;
  /** Resolves once the message is durable (committed row / publisher confirm). */
  publish(destination: string, msg: Message, opts?: TPublishOptions): Promise<void>;
  consume(queue: string, handler: TMessageHandler, opts: TConsumeOptions): Promise<TConsumer>;
  /** Subscribes `queue` to `topic` (idempotent). */
  bindTopic(topic: string, queue: string): Promise<void>;
  /** Messages waiting or in flight on the queue (the backlog). */
  depth(queue: string): Promise<number>;
  /** Removes the queue and its messages (tests, retired deployments). */
  deleteQueue(queue: string): Promise<void>;
  /** Safe to call more than once. */
  close(): Promise<void>;
}

/** Errors with this field delay the redelivery of a nacked message. */
export type TRetryAfter = { retryAfterMs?: number };

export function retryAfterOf(error: unknown): number {
  const v = (error as TRetryAfter | null)?.retryAfterMs;
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : 0;
}
