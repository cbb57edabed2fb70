import { describe, expect, it } from "vitest";
import type { PollStateStore, Queryable } from "@/lib/engine/core/contracts";
import { createRegistry } from "../index";
import { configTable } from "../shared/config-table";
import { isAfter } from "./input-poll-sql";

const query = "SELECT id, updated_at FROM customers WHERE updated_at > $1 ORDER BY updated_at LIMIT $2";

describe("input poll_sql", () => {
  configTable("input", "poll_sql", [
    ["query + watermark", { query, watermarkColumn: "updated_at" }, "ok"],
    ["numeric watermark", { query, watermarkColumn: "seq", initialWatermark: 0 }, "ok"],
    ["not a select", { query: "DELETE FROM x WHERE a > $1 AND $2", watermarkColumn: "a" }, "must be a SELECT"],
    ["no placeholders", { query: "SELECT * FROM x", watermarkColumn: "a" }, "must use $1"],
    ["bad column", { query, watermarkColumn: "updated at" }, "watermarkColumn"],
  ]);

  it("passes the watermark and advances it once the batch is acked", async () => {
    const seen: unknown[][] = [];
    const batches = [
      [
        { id: 1, seq: 5 },
        { id: 2, seq: 7 },
      ],
      [],
      [{ id: 3, seq: 9 }],
    ];
    const db: Queryable = { query: async (_t, values) => (seen.push(values!), { rows: batches.shift() ?? [] }) };
    const input = createRegistry().build(
      "input",
      "poll_sql",
      { query, watermarkColumn: "seq", initialWatermark: 0, batchSize: 50, intervalMs: 1_000 },
      { db, sleep: async () => {}, now: () => 0 },
    );
    const s = new AbortController().signal;
    const a = await input.read(s);
    const b = await input.read(s);
    await a.ack();
    await b.ack();
    const c = await input.read(s);
    expect([a.msg.body, b.msg.body, c.msg.body]).toEqual([
      { id: 1, seq: 5 },
      { id: 2, seq: 7 },
      { id: 3, seq: 9 },
    ]);
    expect(seen).toEqual([
      [0, 50],
      [7, 50],
      [7, 50],
    ]);
  });

  it("keeps the watermark when a message of the batch fails", async () => {
    const seen: unknown[][] = [];
    const batches = [[{ seq: 5 }], [{ seq: 5 }]];
    const db: Queryable = { query: async (_t, values) => (seen.push(values!), { rows: batches.shift() ?? [] }) };
    const input = createRegistry().build(
      "input",
      "poll_sql",
      { query, watermarkColumn: "seq", initialWatermark: 0 },
      { db, sleep: async () => {}, now: () => 0 },
    );
    const s = new AbortController().signal;
    await (await input.read(s)).ack(new Error("nack"));
    await input.read(s);
    expect(seen.map((v) => v[0])).toEqual([0, 0]);
  });

  it("with a poll state store: starts from the committed watermark, commits after the batch, and waits while another engine holds the lease", async () => {
    const seen: unknown[][] = [];
    const db: Queryable = {
      query: async (_t, values) => (seen.push(values!), { rows: seen.length === 1 ? [{ seq: 12 }] : [] }),
    };
    const saved: unknown[] = [];
    const leases: ({ position: unknown } | null)[] = [null, { position: 10 }, { position: 10 }];
    const pollState: PollStateStore = {
      lease: async () => leases.shift() ?? null,
      save: async (p) => (saved.push(p), true),
      release: async () => {},
    };
    const sleeps: number[] = [];
    const input = createRegistry().build(
      "input",
      "poll_sql",
      { query, watermarkColumn: "seq", initialWatermark: 0, intervalMs: 60_000 },
      {
        db,
        pollState,
        now: () => 0,
        sleep: async (ms) => void sleeps.push(ms),
      },
    );
    const s = new AbortController().signal;
    const m = await input.read(s);
    expect(seen).toEqual([[10, 500]]); // the committed watermark, not initialWatermark
    expect(sleeps).toEqual([10_000]); // the first lease was refused: a standby retries sooner than the interval
    expect(saved).toEqual([]);
    await m.ack();
    expect(saved).toEqual([12]);
  });
});

describe("isAfter (watermark order)", () => {
  it.each([
    [new Date("2026-01-02T00:00:00Z"), "1970-01-01T00:00:00Z", true],
    [new Date("2026-01-02T00:00:00Z"), new Date("2026-01-03T00:00:00Z"), false],
    ["10", "9", true],
    ["9", "10", false],
    ["9007199254740993", 9007199254740992, true],
    [5, 4, true],
    [1.5, 2.5, false],
    ["2026-05-01T00:00:00Z", "2026-04-30T23:59:59Z", true],
  ])("%s after %s is %s", (a, b, expected) => {
    expect(isAfter(a, b)).toBe(expected);
  });
});
