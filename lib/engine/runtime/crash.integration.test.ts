import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createMessage, type Message } from "@/lib/engine/core/message";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { PgListener } from "@/lib/engine/transports/postgres/listener";
import { PostgresTransport } from "@/lib/engine/transports/postgres/transport";
import { RabbitTransport } from "@/lib/engine/transports/rabbitmq/transport";
import type { Transport } from "@/lib/engine/transports/types";
import { deployFlowDirect } from "./deploy";
import {
  RABBIT_URL,
  spawnEngineProcess,
  startRecordingHttpTarget,
  stopEngineProcess,
  uniq,
  waitFor,
  type TEngineProcess,
} from "./test-harness";

const dbUrl = useTestDatabase();
const TOTAL = 10_000;
/** Every RESEND_EVERY-th order is sent a second time by the partner: a new message with the same orderId. */
const RESEND_EVERY = 4;
/** Requests the first engine must have in flight (recorded by the target, unanswered) when it is killed. */
const IN_FLIGHT_AT_KILL = 16;

// The sink keeps every request it gets (no unique key), so a duplicate effect cannot hide. Delivery is
// at least once: a message in flight when its engine dies is sent again, with the same Idempotency-Key
// (policy.idempotencyKey), which is how a target recognises a repeat. What the idempotent consumer
// must guarantee is that an order's effects all come from one message: a partner's resend of the
// order (another message, same key) never reaches the target, across the kill and restart.
describe.each(["postgres", "rabbitmq"] as const)("engine process killed mid-stream on %s", (kind) => {
  let pool: pg.Pool;
  let transport: Transport;
  let closeTransport: () => Promise<void>;
  const input = uniq(`sb-test.crash-${kind}`);
  const flowNames: string[] = [];
  const engines: TEngineProcess[] = [];
  let target: Awaited<ReturnType<typeof startRecordingHttpTarget>>;

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 4);
    target = await startRecordingHttpTarget();
    if (kind === "postgres") {
      const listener = new PgListener(dbUrl());
      const t = new PostgresTransport({ pool, listener, workerId: "test-publisher" });
      transport = t;
      closeTransport = async () => (await t.close(), await listener.close());
    } else {
      const t = new RabbitTransport({ url: RABBIT_URL, connectionName: uniq("sb-test-crash") });
      await t.start();
      transport = t;
      closeTransport = () => t.close();
    }
  });

  afterAll(async () => {
    for (const e of engines) e.child.kill("SIGKILL");
    await Promise.all(engines.map((e) => e.exited));
    // The next suite's engines share this database: leave no deployment (or its queue) behind.
    await pool.query(`UPDATE "Deployment" SET "desiredState" = 'stopped'`);
    for (const name of flowNames) await transport.deleteQueue(`sb.flow.${name}.dev`).catch(() => undefined);
    await transport.deleteQueue(input).catch(() => undefined);
    await closeTransport();
    await target.close();
    await pool.end();
  });

  it(`loses none of ${TOTAL} orders after SIGKILL, redelivers what was in flight, and lets no resend through`, async () => {
    const flowName = uniq(`crash-${kind}`);
    flowNames.push(flowName);
    await deployFlowDirect(pool, {
      flowName,
      environmentKey: "dev",
      deployedBy: "test",
      spec: {
        name: flowName,
        input: { use: "queue", config: { queue: input, prefetch: 64 } },
        outputs: [{ id: "sink", use: "http", config: { url: target.url } }],
        policy: { concurrency: 32, idempotencyKey: "orderId" },
      },
    });
    // Backlog first, so the kill lands while thousands are queued. Half the resends follow their
    // original at once (both are claimed concurrently), half come last (claimed after the restart).
    const order = (id: number) => createMessage({ body: { orderId: id, ref: `order-${id}` } });
    const late: Message[] = [];
    for (let i = 0; i < TOTAL; i += 500) {
      const batch = [];
      for (let id = i; id < Math.min(i + 500, TOTAL); id++) {
        batch.push(order(id));
        if (id % RESEND_EVERY === 0) (id % (2 * RESEND_EVERY) === 0 ? batch : late).push(order(id));
      }
      await Promise.all(batch.map((m) => transport.publish(input, m)));
    }
    await Promise.all(late.map((m) => transport.publish(input, m)));
    const lateIds = late.map((m) => m.id);

    const orderOf = (body: string) => (JSON.parse(body) as { orderId: number }).orderId;
    const ordersSeen = () => new Set(target.records.map((r) => orderOf(r.body))).size;

    const first = spawnEngineProcess(dbUrl(), kind);
    engines.push(first);
    await waitFor(() => target.records.length >= 1_500, "the first engine to get going", 60_000, 20).catch(
      (e: unknown) => {
        throw new Error(`${String(e)}\nengine output:\n${first.output()}`);
      },
    );
    // Stop answering, so the kill lands with effects recorded whose runs never finished.
    target.hold();
    await waitFor(
      () => target.held().length >= IN_FLIGHT_AT_KILL,
      `${IN_FLIGHT_AT_KILL} requests in flight`,
      10_000,
      5,
    );
    first.child.kill("SIGKILL");
    expect(await first.exited).toBeNull();
    const inFlight = new Set(target.held().map((r) => r.messageId));
    target.release();
    const atKill = ordersSeen();
    expect(atKill).toBeLessThan(TOTAL);

    const deliveries = () => {
      const n = new Map<string, number>();
      for (const r of target.records) n.set(r.messageId, (n.get(r.messageId) ?? 0) + 1);
      return n;
    };
    // The late resends are the last messages on the queue and only the second engine, whose lineage is
    // not cut short, runs them: once each has a run, the backlog is through. (A killed engine loses
    // the lineage of its last moments by design, so earlier runs cannot be counted this way.)
    const lateRuns = async () =>
      (
        await pool.query<{ messageId: string; status: string }>(
          `SELECT DISTINCT r."messageId", r."status"::text AS status FROM "MessageRun" r JOIN "Flow" f ON f."id" = r."flowId"
           WHERE f."name" = $1 AND r."messageId" = ANY($2::text[])`,
          [flowName, lateIds],
        )
      ).rows;
    const second = spawnEngineProcess(dbUrl(), kind);
    engines.push(second);
    try {
      await waitFor(
        async () => {
          const n = deliveries();
          return (
            ordersSeen() === TOTAL &&
            [...inFlight].every((id) => (n.get(id) ?? 0) >= 2) &&
            new Set((await lateRuns()).map((r) => r.messageId)).size === lateIds.length &&
            (await transport.depth(input)) === 0
          );
        },
        `all ${TOTAL} orders in the sink, the ${inFlight.size} in-flight messages sent again, every message's run recorded`,
        90_000,
        200,
      );
    } catch (error) {
      second.child.kill("SIGKILL");
      throw new Error(
        `${String(error)}; at kill ${atKill}, now ${ordersSeen()} orders and ${(await lateRuns()).length} late resends run\nengine output:\n${second.output()}`,
      );
    }
    // Graceful stop on SIGTERM: exit code 0.
    await stopEngineProcess(second);
    expect(await second.exited).toBe(0);

    // Each order's effects, found through the key the flow sent: one message per order, never two.
    const messagesPerOrder = new Map<number, Set<string>>();
    for (const r of target.records) {
      const id = orderOf(r.body);
      const set = messagesPerOrder.get(id) ?? new Set<string>();
      messagesPerOrder.set(id, set.add(r.messageId));
    }
    const duplicated = [...messagesPerOrder].filter(([, ids]) => ids.size > 1).map(([id]) => id);
    expect({ duplicatedOrders: duplicated.length, firstFew: duplicated.slice(0, 5) }).toEqual({
      duplicatedOrders: 0,
      firstFew: [],
    });
    expect([...messagesPerOrder.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: TOTAL }, (_, i) => i));
    expect(target.records.filter((r) => r.idempotencyKey !== String(orderOf(r.body)))).toEqual([]);

    // The kill really interrupted work: what was in flight reached the sink twice, and the broker
    // handed it over again (a later delivery attempt in lineage).
    expect(inFlight.size).toBeGreaterThanOrEqual(IN_FLIGHT_AT_KILL);
    expect(target.records.length).toBeGreaterThan(TOTAL);
    const redelivered = await pool.query<{ n: number }>(
      `SELECT count(DISTINCT r."messageId")::int AS n FROM "MessageRun" r JOIN "Flow" f ON f."id" = r."flowId"
       WHERE f."name" = $1 AND r."status" = 'succeeded' AND r."attempt" >= 2 AND r."messageId" = ANY($2::text[])`,
      [flowName, [...inFlight]],
    );
    expect(redelivered.rows[0].n).toBe(inFlight.size);
    // Each late resend was stopped at the idempotent consumer's pseudo-step, unless it was the one
    // that reached the sink (then its original was the duplicate).
    const inSink = new Set(target.records.map((r) => r.messageId));
    const lateStatus = new Map((await lateRuns()).map((r) => [r.messageId, r.status]));
    expect(lateIds.filter((id) => !inSink.has(id) && lateStatus.get(id) !== "filtered")).toEqual([]);
    const steps = await pool.query<{ steps: { step: string; status: string }[] }>(
      `SELECT "steps" FROM "MessageRun" WHERE "messageId" = ANY($1::text[]) AND "status" = 'filtered' LIMIT 1`,
      [lateIds],
    );
    expect(steps.rows[0].steps).toEqual([expect.objectContaining({ step: "(idempotency)", status: "filtered" })]);
  }, 180_000);
});
