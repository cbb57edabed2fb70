import type pg from "pg";
import { describe, expect, it } from "vitest";
import { MinuteRollup } from "./rollup";

/** Records the additive inserts a flush makes: [step, minute, ok, failed, filtered, deadLettered]. */
function recordingPool(fail = false) {
  const rows: unknown[][] = [];
  const pool = {
    query: async (text: string, values: unknown[]) => {
      if (text.includes("INSERT INTO")) {
        if (fail) throw new Error("database down");
        rows.push([values[2], values[3], values[4], values[5], values[6], values[7]]);
        return { rows: [{ latencyBuckets: values[8] }] };
      }
      return { rows: [] };
    },
  } as unknown as pg.Pool;
  return { pool, rows };
}

const T0 = Date.UTC(2026, 11, 3, 10, 0, 0);

describe("MinuteRollup handles", () => {
  it("count into the same cells as observe, per minute, and into fresh cells after a flush", async () => {
    const { pool, rows } = recordingPool();
    const rollup = new MinuteRollup(pool);
    const h = rollup.handle("f", "e", "validate");
    h.observe("ok", 3, T0);
    rollup.observe("f", "e", "validate", "failed", 5, T0 + 1_000);
    h.observe("filtered", 1, T0 + 61_000); // the next minute
    await rollup.flush({}, T0 + 62_000);
    expect(rows.sort()).toEqual([
      ["validate", T0, 1, 1, 0, 0],
      ["validate", T0 + 60_000, 0, 0, 1, 0],
    ]);
    rows.length = 0;
    h.observe("dead_lettered", 2, T0 + 62_000);
    await rollup.flush({}, T0 + 63_000);
    // Only what came after the flush: the handle did not keep writing into a flushed cell.
    expect(rows).toEqual([["validate", T0 + 60_000, 0, 0, 0, 1]]);
  });

  it("keep counting into the merged-back cells when a flush fails", async () => {
    const failing = recordingPool(true);
    const rollup = new MinuteRollup(failing.pool);
    const h = rollup.handle("f", "e", "");
    h.observe("ok", 1, T0);
    await expect(rollup.flush({}, T0 + 1_000)).rejects.toThrow("database down");
    h.observe("ok", 1, T0 + 2_000);
    const ok = recordingPool();
    (rollup as unknown as { pool: pg.Pool }).pool = ok.pool;
    await rollup.flush({}, T0 + 3_000);
    expect(ok.rows).toEqual([["", T0, 2, 0, 0, 0]]);
  });
});
