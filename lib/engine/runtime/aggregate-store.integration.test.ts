import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createMessage, type Message } from "@/lib/engine/core/message";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { pgAggregateStore, purgeAggregateParts } from "./aggregate-store";
import type { TEngine } from "./engine";
import { bootEngine, deployRunning, stopEngineSuite, uniq, waitFor } from "./test-harness";

const dbUrl = useTestDatabase();
const part = (body: unknown, group = "order-1") => createMessage({ body, correlationId: group });

describe("aggregate store (Postgres)", () => {
  let pool: pg.Pool;
  beforeAll(() => {
    pool = createPgPool(dbUrl(), 4);
  });
  afterAll(() => pool.end());

  it("completes a group once, with its parts in arrival order; a redelivered part is not counted twice", async () => {
    const store = pgAggregateStore(pool, uniq("scope"));
    const [a, b, c] = [part("a"), part("b"), part("c")];
    expect(await store.add("order-1", a.id, a, 3)).toBeNull();
    expect(await store.add("order-1", a.id, a, 3)).toBeNull(); // redelivery of a
    expect(await store.add("order-1", b.id, b, 3)).toBeNull();
    const done = await store.add("order-1", c.id, c, 3);
    expect(done?.map((m) => m.body)).toEqual(["a", "b", "c"]);
    expect(done?.[0]).toEqual(a); // the whole envelope round-trips
    expect(await store.takeExpired(0)).toEqual([]); // nothing left behind
  });

  it("gives a group to exactly one of two engines adding its last parts at the same time", async () => {
    const scope = uniq("scope");
    const one = pgAggregateStore(pool, scope);
    const two = pgAggregateStore(pool, scope);
    const results = await Promise.all(
      [part(1, "g"), part(2, "g"), part(3, "g"), part(4, "g")].map((m, i) => (i % 2 ? one : two).add("g", m.id, m, 4)),
    );
    const released = results.filter((r): r is Message[] => r !== null);
    expect(released).toHaveLength(1);
    expect(released[0].map((m) => m.body).sort()).toEqual([1, 2, 3, 4]);
  });

  it("hands out groups past their timeout, incomplete, each once", async () => {
    const scope = uniq("scope");
    const store = pgAggregateStore(pool, scope);
    await store.add("old", "p1", part("x", "old"), 5);
    await store.add("new", "p1", part("y", "new"), 5);
    await pool.query(
      `UPDATE "AggregatePart" SET "receivedAt" = now() - interval '1 minute' WHERE "scope" = $1 AND "groupKey" = 'old'`,
      [scope],
    );
    const [first, second] = await Promise.all([
      store.takeExpired(30_000),
      pgAggregateStore(pool, scope).takeExpired(30_000),
    ]);
    expect([...first, ...second].map((g) => g.map((m) => m.body))).toEqual([["x"]]);
    expect((await pool.query(`SELECT "groupKey" FROM "AggregatePart" WHERE "scope" = $1`, [scope])).rows).toEqual([
      { groupKey: "new" },
    ]);
    // Housekeeping drops parts far past any timeout (their deployment no longer runs).
    await pool.query(`UPDATE "AggregatePart" SET "receivedAt" = now() - interval '40 days' WHERE "scope" = $1`, [
      scope,
    ]);
    expect(await purgeAggregateParts(pool, 31 * 86_400_000)).toBeGreaterThanOrEqual(1);
    expect((await pool.query(`SELECT 1 FROM "AggregatePart" WHERE "scope" = $1`, [scope])).rowCount).toBe(0);
  });

  describe("in a deployed flow", () => {
    let engine: TEngine | null = null;
    const queues: string[] = [];
    afterAll(async () => {
      if (engine) await stopEngineSuite(engine, pool, queues);
    });

    it("keeps a group whose parts arrive as separate messages across an engine restart", async () => {
      const input = uniq("sb-test.agg-in");
      const out = uniq("sb-test.agg-out");
      const flowName = uniq("agg-restart");
      queues.push(input, out, `sb.flow.${flowName}.dev`);
      engine = await bootEngine(dbUrl(), "postgres");
      await deployRunning(pool, flowName, {
        input: { use: "queue", config: { queue: input } },
        steps: [{ id: "collect", use: "aggregate", config: { completionSize: 3 } }],
        outputs: [{ id: "out", use: "queue", config: { queue: out } }],
      });
      // One at a time: the engine works on messages concurrently, and the group keeps arrival order.
      for (const [i, body] of ["line-1", "line-2"].entries()) {
        await engine.transport.publish(input, part(body, "po-77"));
        await waitFor(
          async () => (await pool.query(`SELECT 1 FROM "AggregatePart" WHERE "groupKey" = 'po-77'`)).rowCount === i + 1,
          `part ${i + 1} stored`,
        );
      }

      await engine.stop(); // the parts were acked: only the store still has them
      engine = await bootEngine(dbUrl(), "postgres");
      await engine.transport.publish(input, part("line-3", "po-77"));
      await waitFor(async () => (await engine!.transport.depth(out)) === 1, "the completed group on the output");
      const got: Message[] = [];
      const stop = new AbortController();
      await engine.transport.consume(out, async (m) => void got.push(m), { prefetch: 10, signal: stop.signal });
      await waitFor(() => got.length === 1, "the aggregate read back");
      stop.abort();
      expect(got[0].body).toEqual(["line-1", "line-2", "line-3"]);
      expect(got[0].headers["sb-aggregate-complete"]).toBe("true");
      expect((await pool.query(`SELECT 1 FROM "AggregatePart" WHERE "groupKey" = 'po-77'`)).rowCount).toBe(0);
    });

    it("keeps a group its run left incomplete (a filter dropped a part) across an engine restart, and releases it at the timeout", async () => {
      const input = uniq("sb-test.agg-split-in");
      const out = uniq("sb-test.agg-split-out");
      const flowName = uniq("agg-split-restart");
      queues.push(input, out, `sb.flow.${flowName}.dev`);
      engine ??= await bootEngine(dbUrl(), "postgres");
      await deployRunning(pool, flowName, {
        input: { use: "queue", config: { queue: input } },
        steps: [
          { id: "lines", use: "split", config: { path: "lines" } },
          { id: "in-stock", use: "filter", config: { when: "qty > 0" } },
          { id: "collect", use: "aggregate", config: { completionTimeoutMs: 3_000 } },
        ],
        outputs: [{ id: "out", use: "queue", config: { queue: out } }],
      });
      const order = part(
        {
          lines: [
            { sku: "a", qty: 1 },
            { sku: "b", qty: 0 },
            { sku: "c", qty: 2 },
          ],
        },
        "po-88",
      );
      await engine.transport.publish(input, order);
      await waitFor(
        async () => (await pool.query(`SELECT 1 FROM "AggregatePart" WHERE "groupKey" = 'po-88'`)).rowCount === 2,
        "the open group stored",
      );
      await waitFor(async () => (await engine!.transport.depth(input)) === 0, "the order acked");

      await engine.stop(); // the order was acked: only the store still has its open group
      engine = await bootEngine(dbUrl(), "postgres");
      await waitFor(
        async () => (await engine!.transport.depth(out)) === 1,
        "the timed-out group on the output",
        15_000,
      );
      const got: Message[] = [];
      const stop = new AbortController();
      await engine.transport.consume(out, async (m) => void got.push(m), { prefetch: 10, signal: stop.signal });
      await waitFor(() => got.length === 1, "the aggregate read back");
      stop.abort();
      expect(got[0].body).toEqual([
        { sku: "a", qty: 1 },
        { sku: "c", qty: 2 },
      ]);
      expect(got[0].headers["sb-aggregate-complete"]).toBe("false");
      expect((await pool.query(`SELECT 1 FROM "AggregatePart" WHERE "groupKey" = 'po-88'`)).rowCount).toBe(0);
    });
  });
});
