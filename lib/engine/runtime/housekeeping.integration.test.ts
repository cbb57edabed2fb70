import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { loadReferenceFlow } from "@/lib/engine/fixtures";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { deployFlowDirect } from "./deploy";
import type { TEngine } from "./engine";
import { bootEngine, uniq } from "./test-harness";

const dbUrl = useTestDatabase();
const DAY = 86_400_000;

// The engine's housekeeping keeps the high-volume tables bounded: lineage by its retention setting,
// minute rollups after a quarter, idempotency keys and abandoned aggregate parts after 31 days.
describe("engine housekeeping", () => {
  let pool: pg.Pool;
  let engine: TEngine;
  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 2);
    engine = await bootEngine(dbUrl(), "postgres", { lineageRetentionDays: 7 });
  });
  afterAll(async () => {
    await engine.stop();
    await pool.end();
  });

  it("drops what is past retention and keeps the rest", async () => {
    const d = await deployFlowDirect(pool, {
      flowName: uniq("housekeeping"),
      spec: loadReferenceFlow(),
      environmentKey: "test",
      deployedBy: "test",
      desiredState: "stopped",
    });
    const ago = (days: number) => new Date(Date.now() - days * DAY);
    for (const [id, days] of [
      ["run-8d", 8],
      ["run-6d", 6],
    ] as const) {
      await pool.query(
        `INSERT INTO "MessageRun" ("id", "messageId", "correlationId", "flowId", "flowVersionId", "environmentId", "status", "inputHash", "startedAt")
         VALUES ($1, $1, $1, $2, $3, $4, 'succeeded', 'h', $5)`,
        [id, d.flowId, d.flowVersionId, d.environmentId, ago(days)],
      );
    }
    for (const days of [91, 89]) {
      await pool.query(
        `INSERT INTO "MetricMinute" ("flowId", "environmentId", "step", "minute", "latencyBuckets", "updatedAt") VALUES ($1, $2, '', date_trunc('minute', $3::timestamp), '{}', now())`,
        [d.flowId, d.environmentId, ago(days)],
      );
    }
    await pool.query(
      `INSERT INTO "IdempotencyKey" ("scope", "key", "firstSeenAt") VALUES ($1, 'old', $2), ($1, 'new', now())`,
      [d.flowId, ago(32)],
    );

    await engine.runtime.housekeeping();

    expect((await pool.query(`SELECT "id" FROM "MessageRun" WHERE "flowId" = $1`, [d.flowId])).rows).toEqual([
      { id: "run-6d" },
    ]);
    const minutes = await pool.query<{ minute: Date }>(`SELECT "minute" FROM "MetricMinute" WHERE "flowId" = $1`, [
      d.flowId,
    ]);
    expect(minutes.rows.map((r) => Math.round((Date.now() - r.minute.getTime()) / DAY))).toEqual([89]);
    expect((await pool.query(`SELECT "key" FROM "IdempotencyKey" WHERE "scope" = $1`, [d.flowId])).rows).toEqual([
      { key: "new" },
    ]);
  });
});
