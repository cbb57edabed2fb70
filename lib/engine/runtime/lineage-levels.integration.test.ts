import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createMessage, REPLAY_HEADER } from "@/lib/engine/core/message";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import type { TLineagePolicy } from "@/lib/validation/flow-spec";
import type { TEngine } from "./engine";
import { sampledIn } from "./lineage";
import { bootEngine, deployRunning, stopEngineSuite, uniq, waitFor } from "./test-harness";

const dbUrl = useTestDatabase();
const OK = 30;
const BAD = 10;

// Each lineage level through a running engine: which runs get a MessageRun row (and with which level),
// and the minute rollups that the charts and the catalog read count every run at every level.
describe("lineage levels", () => {
  let pool: pg.Pool;
  let engine: TEngine;
  const queues: string[] = [];
  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 2);
    engine = await bootEngine(dbUrl(), "postgres");
  });
  afterAll(async () => {
    await stopEngineSuite(engine, pool, queues);
    await pool.end();
  });

  async function runFlow(lineage: TLineagePolicy | undefined) {
    const flow = uniq(`levels-${lineage?.level ?? "default"}`);
    const input = uniq("sb-test.levels-in");
    const out = uniq("sb-test.levels-out");
    queues.push(input, out, `sb.flow.${flow}.dev`);
    const d = await deployRunning(pool, flow, {
      input: { use: "queue", config: { queue: input } },
      steps: [
        {
          id: "validate",
          use: "validate_json_schema",
          config: { schema: { type: "object", properties: { n: { type: "integer", minimum: 0 } } } },
        },
      ],
      outputs: [{ id: "out", use: "queue", config: { queue: out } }],
      policy: {
        concurrency: 4,
        retry: { maxAttempts: 1, initialDelayMs: 0, maxDelayMs: 0, multiplier: 1 },
        ...(lineage ? { lineage } : {}),
      },
    });
    const ids = { ok: [] as string[], bad: [] as string[] };
    for (let i = 0; i < OK + BAD; i++) {
      // Fixed ids, so which ones level sampled keeps is the same on every run of the test.
      const msg = createMessage({ id: `${lineage?.level ?? "default"}-m${i}`, body: { n: i < OK ? i : -i } });
      (i < OK ? ids.ok : ids.bad).push(msg.id);
      await engine.transport.publish(input, msg);
    }
    // A replay of a message that succeeded: replays are kept at every level.
    const replay = createMessage({
      id: `${lineage?.level ?? "default"}-replay`,
      body: { n: 1 },
      headers: { [REPLAY_HEADER]: "dl-x" },
    });
    await engine.transport.publish(input, replay);
    const counts = await waitFor(async () => {
      const r = await pool.query<{ ok: number; dead: number }>(
        `SELECT coalesce(sum("countOk"), 0)::int AS ok, coalesce(sum("countDeadLettered"), 0)::int AS dead
           FROM "MetricMinute" WHERE "flowId" = $1 AND "step" = ''`,
        [d.flowId],
      );
      return r.rows[0].ok + r.rows[0].dead >= OK + BAD + 1 ? r.rows[0] : null;
    }, "every run in the minute rollups");
    // Lineage is written in batches after the run: wait until the failed runs (kept at every level) are in.
    const rows = await waitFor(async () => {
      const r = await pool.query<{ messageId: string; status: string; lineageLevel: string }>(
        `SELECT "messageId", "status", "lineageLevel" FROM "MessageRun" WHERE "flowId" = $1 ORDER BY "messageId"`,
        [d.flowId],
      );
      return r.rows.filter((x) => x.status === "dead_lettered").length === BAD &&
        r.rows.some((x) => x.messageId === replay.id)
        ? r.rows
        : null;
    }, "the failed and replayed runs in lineage");
    return { counts, rows, ids, replay };
  }

  it("full (the default) keeps every run", async () => {
    const { counts, ids } = await runFlow(undefined);
    expect(counts).toEqual({ ok: OK + 1, dead: BAD });
    const rows = await waitFor(async () => {
      const r = await pool.query<{ lineageLevel: string }>(
        `SELECT "lineageLevel" FROM "MessageRun" WHERE "messageId" = ANY($1::text[])`,
        [[...ids.ok, ...ids.bad]],
      );
      return r.rows.length === OK + BAD ? r.rows : null;
    }, "every run in lineage");
    expect(new Set(rows.map((r) => r.lineageLevel))).toEqual(new Set(["full"]));
  });

  it("sampled keeps every failed and replayed run and the successful ones the message id samples in", async () => {
    const rate = 0.3;
    const { counts, rows, ids, replay } = await runFlow({ level: "sampled", sampleRate: rate });
    expect(counts).toEqual({ ok: OK + 1, dead: BAD });
    const expected = [...ids.ok.filter((id) => sampledIn(id, rate)), ...ids.bad, replay.id].sort();
    // Sampled-in successful runs may land in a later batch than the failed ones.
    const all = await waitFor(async () => {
      const r = await pool.query<{ messageId: string; lineageLevel: string }>(
        `SELECT "messageId", "lineageLevel" FROM "MessageRun" WHERE "messageId" = ANY($1::text[]) ORDER BY "messageId"`,
        [[...ids.ok, ...ids.bad, replay.id]],
      );
      return r.rows.length >= expected.length ? r.rows : null;
    }, "the sampled runs");
    expect(all.map((r) => r.messageId).sort()).toEqual(expected);
    expect(expected.length).toBeLessThan(OK + BAD + 1); // some successful runs were not kept
    expect(expected.length).toBeGreaterThan(BAD + 1); // and some were
    expect(new Set(all.map((r) => r.lineageLevel))).toEqual(new Set(["sampled"]));
    expect(rows.filter((r) => r.status === "dead_lettered")).toHaveLength(BAD);
  });

  it("errors keeps only failed, dead-lettered and replayed runs", async () => {
    const { counts, rows, ids, replay } = await runFlow({ level: "errors" });
    expect(counts).toEqual({ ok: OK + 1, dead: BAD });
    expect(rows.map((r) => r.messageId).sort()).toEqual([...ids.bad, replay.id].sort());
    expect(rows.filter((r) => r.status === "dead_lettered")).toHaveLength(BAD);
    expect(new Set(rows.map((r) => r.lineageLevel))).toEqual(new Set(["errors"]));
  });
});
