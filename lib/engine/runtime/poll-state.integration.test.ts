import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import type { Actor } from "@/lib/auth/actor";
import { flowPollPositions } from "@/lib/services/flows";
import { loadReferenceFlow } from "@/lib/engine/fixtures";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import type { TEngine } from "./engine";
import { deployFlowDirect } from "./deploy";
import { pgPollState } from "./poll-state";
import { bootEngine, deployRunning, stopEngineSuite, uniq, waitFor } from "./test-harness";

const dbUrl = useTestDatabase();
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };

describe("poll state: durable position and one poller per input", () => {
  let pool: pg.Pool;
  let flowId: string;
  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 3);
    ({ flowId } = await deployFlowDirect(pool, {
      flowName: uniq("poll-state"),
      spec: loadReferenceFlow(),
      environmentKey: "test",
      deployedBy: "test",
    }));
  });
  afterAll(() => pool.end());

  it("leases to one engine at a time; a save counts only for the holder; release and expiry hand over", async () => {
    const key = uniq("k");
    const a = pgPollState(pool, key, flowId, 1_000);
    const b = pgPollState(pool, key, flowId, 1_000);
    expect(await a.lease()).toEqual({ position: null });
    expect(await b.lease()).toBeNull();
    expect(await a.save({ watermark: 7 })).toBe(true);
    expect(await b.save({ watermark: 99 })).toBe(false);
    expect(await a.lease()).toEqual({ position: { watermark: 7 } }); // renewal keeps it
    await a.release();
    expect(await b.lease()).toEqual({ position: { watermark: 7 } });
    await b.release();

    // An engine that dies keeps its lease only until it runs out (it can no longer renew it).
    expect(await a.lease()).not.toBeNull();
    await pool.query(`UPDATE "PollState" SET "leaseUntil" = now() - interval '1 second' WHERE "key" = $1`, [key]);
    expect(await b.lease()).toEqual({ position: { watermark: 7 } });
    expect(await a.save({ watermark: 8 })).toBe(false);
    await a.release(); // not the holder: changes nothing
    expect(await a.lease()).toBeNull();
    await b.release();
  });

  describe("a deployed poll_sql flow", () => {
    const engines: TEngine[] = [];
    const queues: string[] = [];
    const table = uniq("poll_state_src").replace(/-/g, "_");
    afterAll(async () => {
      for (const e of engines.splice(0)) await stopEngineSuite(e, pool, queues);
    });

    async function delivered(engine: TEngine, queue: string): Promise<string[]> {
      const notes: string[] = [];
      const stop = new AbortController();
      await engine.transport.consume(queue, async (m) => void notes.push((m.body as { note: string }).note), {
        prefetch: 100,
        signal: stop.signal,
      });
      await new Promise((r) => setTimeout(r, 500));
      stop.abort();
      return notes.sort();
    }

    it("carries on after an engine restart from the committed watermark, and two engines poll it once", async () => {
      await pool.query(`CREATE TABLE "${table}" (id serial PRIMARY KEY, note text NOT NULL)`);
      await pool.query(`INSERT INTO "${table}" (note) VALUES ('a'), ('b'), ('c')`);
      const out = uniq("sb-test.poll-state-out");
      const flowName = uniq("poll-restart");
      queues.push(out, `sb.flow.${flowName}.dev`);
      const spec = {
        input: {
          use: "poll_sql",
          config: {
            query: `SELECT id, note FROM "${table}" WHERE id > $1::int ORDER BY id LIMIT $2`,
            watermarkColumn: "id",
            initialWatermark: 0,
            intervalMs: 1_000,
          },
        },
        outputs: [{ id: "out", use: "queue", config: { queue: out } }],
      };
      const first = await bootEngine(dbUrl(), "postgres", { pollMs: 200 });
      engines.push(first);
      const d = await deployRunning(pool, flowName, spec);
      await waitFor(async () => (await first.transport.depth(out)) === 3, "first poll");
      await waitFor(
        async () =>
          (await pool.query(`SELECT "position" FROM "PollState" WHERE "flowId" = $1`, [d.flowId])).rows[0]?.position ===
          3,
        "watermark 3 committed",
      );

      // The engine stops (its lease is released); a new one starts while rows arrive.
      await engines.shift()!.stop();
      await pool.query(`INSERT INTO "${table}" (note) VALUES ('d'), ('e')`);
      const second = await bootEngine(dbUrl(), "postgres", { pollMs: 200 });
      const third = await bootEngine(dbUrl(), "postgres", { pollMs: 200 });
      engines.push(second, third);
      await waitFor(async () => (await second.transport.depth(out)) === 5, "only the new rows, once", 10_000);
      await pool.query(`INSERT INTO "${table}" (note) VALUES ('f')`);
      await waitFor(async () => (await second.transport.depth(out)) === 6, "the next row, once", 10_000);
      await new Promise((r) => setTimeout(r, 2_500)); // more polls by both engines: nothing new
      expect(await delivered(second, out)).toEqual(["a", "b", "c", "d", "e", "f"]);
      const state = await pool.query(`SELECT "position", "owner" FROM "PollState" WHERE "flowId" = $1`, [d.flowId]);
      expect(state.rows).toHaveLength(1);
      expect(state.rows[0].position).toBe(6);
      // The portal shows where the input has got to and which engine polls it.
      const [shown] = await flowPollPositions(viewer, d.flowId);
      expect(shown).toMatchObject({ environmentId: d.environmentId, position: "6" });
      expect(shown.polledBy).toMatch(/ pid \d+$/);
    });
  });
});
