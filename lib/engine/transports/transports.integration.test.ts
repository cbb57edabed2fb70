import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createMessage, type Message } from "@/lib/engine/core/message";
import { closeRabbitConnection, RABBIT_URL, uniq, waitFor } from "@/lib/engine/runtime/test-harness";
import { PgListener } from "./postgres/listener";
import { createPgPool } from "./postgres/pool";
import { PostgresTransport } from "./postgres/transport";
import { RabbitTransport } from "./rabbitmq/transport";
import type { Transport, TTransportKind } from "./types";

const dbUrl = useTestDatabase();

type TCtx = { transport: Transport; cleanup: () => Promise<void> };

async function open(kind: TTransportKind, opts: { visibilityMs?: number; name?: string } = {}): Promise<TCtx> {
  if (kind === "postgres") {
    const pool = createPgPool(dbUrl(), 4);
    const listener = new PgListener(dbUrl());
    const transport = new PostgresTransport({
      pool,
      listener,
      workerId: uniq("w"),
      visibilityMs: opts.visibilityMs ?? 30_000,
      pollMs: 200,
    });
    return { transport, cleanup: async () => (await transport.close(), await listener.close(), await pool.end()) };
  }
  const transport = new RabbitTransport({
    url: RABBIT_URL,
    connectionName: opts.name ?? uniq("sb-test"),
    reconnect: { initialMs: 50, maxMs: 500 },
  });
  await transport.start();
  return { transport, cleanup: () => transport.close() };
}

function collect(
  transport: Transport,
  queue: string,
  opts: { prefetch?: number; handler?: (m: Message, n: number) => Promise<void> } = {},
) {
  const seen: { msg: Message; deliveryCount: number }[] = [];
  const stop = new AbortController();
  const started = transport.consume(
    queue,
    async (msg, info) => {
      if (opts.handler) await opts.handler(msg, info.deliveryCount);
      seen.push({ msg, deliveryCount: info.deliveryCount });
    },
    { prefetch: opts.prefetch ?? 10, signal: stop.signal },
  );
  return { seen, stop: async () => (stop.abort(), await (await started).done), started };
}

describe.each(["postgres", "rabbitmq"] as const)("%s transport", (kind) => {
  let ctx: TCtx;
  const queues: string[] = [];
  const q = () => {
    const name = uniq(`sb-test.${kind}`);
    queues.push(name);
    return name;
  };

  beforeAll(async () => {
    ctx = await open(kind);
  });
  afterAll(async () => {
    for (const name of queues) await ctx.transport.deleteQueue(name).catch(() => undefined);
    await ctx.cleanup();
  });

  it("delivers every published message once with its envelope intact, and depth shows the backlog", async () => {
    const queue = q();
    const sent = Array.from({ length: 50 }, (_, i) =>
      createMessage({ body: { i }, headers: { "x-i": String(i) }, correlationId: `c-${i}` }),
    );
    await Promise.all(sent.map((m) => ctx.transport.publish(queue, m)));
    expect(await ctx.transport.depth(queue)).toBe(50);
    const bin = createMessage({ body: Buffer.from([0, 1, 2, 255]) });
    await ctx.transport.publish(queue, bin);
    const c = collect(ctx.transport, queue);
    await waitFor(() => c.seen.length === 51, "51 deliveries");
    await c.stop();
    expect(new Set(c.seen.map((s) => s.msg.id)).size).toBe(51);
    const first = c.seen.find((s) => s.msg.id === sent[7].id)!;
    expect(first.msg).toEqual(sent[7]);
    expect(first.deliveryCount).toBe(1);
    expect(Buffer.isBuffer(c.seen.find((s) => s.msg.id === bin.id)!.msg.body)).toBe(true);
    await waitFor(async () => (await ctx.transport.depth(queue)) === 0, "empty queue");
  });

  it("redelivers a message whose handler threw (at-least-once), counting the delivery", async () => {
    const queue = q();
    const msg = createMessage({ body: { n: 1 } });
    await ctx.transport.publish(queue, msg);
    let failures = 0;
    const c = collect(ctx.transport, queue, {
      handler: async () => {
        if (failures++ < 2) throw new Error("transient");
      },
    });
    await waitFor(() => c.seen.length === 1, "eventual success");
    await c.stop();
    expect(failures).toBe(3);
    expect(c.seen[0].msg.id).toBe(msg.id);
    expect(c.seen[0].deliveryCount).toBe(3);
  });

  it("fans a topic out to every subscribed queue", async () => {
    const topic = uniq("topic");
    const [a, b, unbound] = [q(), q(), q()];
    await ctx.transport.bindTopic(topic, a);
    await ctx.transport.bindTopic(topic, b);
    await ctx.transport.bindTopic(topic, b); // idempotent
    await ctx.transport.depth(unbound);
    for (let i = 0; i < 3; i++) await ctx.transport.publish(topic, createMessage({ body: { i } }), { topic: true });
    await waitFor(
      async () => (await ctx.transport.depth(a)) === 3 && (await ctx.transport.depth(b)) === 3,
      "3 copies on each subscriber",
    );
    expect(await ctx.transport.depth(unbound)).toBe(0);
  });

  it("stops gracefully: in-flight handlers finish and are acked, the rest stays queued", async () => {
    const queue = q();
    for (let i = 0; i < 20; i++) await ctx.transport.publish(queue, createMessage({ body: { i } }));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const c = collect(ctx.transport, queue, { prefetch: 2, handler: () => gate });
    await c.started;
    await new Promise((r) => setTimeout(r, 300));
    const stopping = c.stop();
    release();
    await stopping;
    expect(c.seen.length).toBeGreaterThanOrEqual(1);
    expect(c.seen.length).toBeLessThanOrEqual(2);
    await waitFor(
      async () => (await ctx.transport.depth(queue)) === 20 - c.seen.length,
      "unconsumed messages still queued",
    );
  });
});

describe("postgres transport crash recovery", () => {
  it("makes a dead consumer's claimed messages visible again after the visibility timeout", async () => {
    const crashed = await open("postgres", { visibilityMs: 500 });
    const healthy = await open("postgres", { visibilityMs: 500 });
    const queue = uniq("sb-test.vis");
    try {
      for (let i = 0; i < 5; i++) await crashed.transport.publish(queue, createMessage({ body: { i } }));
      // A consumer that takes messages and never acks: as if its process died mid-message.
      const stuck = new AbortController();
      await crashed.transport.consume(queue, () => new Promise<void>(() => undefined), {
        prefetch: 5,
        signal: stuck.signal,
      });
      await new Promise((r) => setTimeout(r, 200));
      await crashed.cleanup().catch(() => undefined); // pool gone: no acks, no visibility extensions
      const c = collect(healthy.transport, queue);
      await waitFor(() => c.seen.length === 5, "messages redelivered after the visibility timeout", 10_000);
      await c.stop();
      expect(c.seen.every((s) => s.deliveryCount === 2)).toBe(true);
    } finally {
      await healthy.transport.deleteQueue(queue);
      await healthy.cleanup();
    }
  });
});

describe("rabbitmq connection drop", () => {
  it("reconnects, re-attaches consumers and loses nothing when the broker closes the connection", async () => {
    const name = uniq("sb-test-drop");
    const ctx = await open("rabbitmq", { name });
    const queue = uniq("sb-test.drop");
    try {
      const total = 300;
      const ids = new Set<string>();
      const c = collect(ctx.transport, queue, {
        prefetch: 20,
        handler: (m) => new Promise((r) => setTimeout(() => (ids.add(m.id), r()), 2)),
      });
      await c.started;
      const publishing = (async () => {
        for (let i = 0; i < total; i++)
          await ctx.transport.publish(queue, createMessage({ id: `m-${i}`, body: { i } }));
      })();
      await waitFor(() => ids.size >= 50, "some progress before the drop");
      const closed = await closeRabbitConnection(name);
      if (!closed) {
        // No rabbitmqctl here: cut the socket instead.
        const conn = (ctx.transport as RabbitTransport).connection as unknown as {
          connection: { stream: { destroy(e: Error): void } };
        };
        conn.connection.stream.destroy(new Error("simulated drop"));
      }
      await publishing;
      await waitFor(() => ids.size === total, `all ${total} messages after reconnect`, 30_000);
      await c.stop();
      expect([...ids].sort()).toEqual(Array.from({ length: total }, (_, i) => `m-${i}`).sort());
    } finally {
      await ctx.transport.deleteQueue(queue).catch(() => undefined);
      await ctx.cleanup();
    }
  });
});
