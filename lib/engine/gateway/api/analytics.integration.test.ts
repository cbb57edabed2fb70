import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { bucketIndex } from "@/lib/engine/metrics/buckets";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { API_ANALYTICS_RETENTION_MS, ApiAnalytics, purgeApiCallMinutes } from "./analytics";
import type { TApiCall } from "./contracts";

const dbUrl = useTestDatabase();
const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
// An hour ago, well inside the retention the engine's housekeeping purges past.
const MINUTE = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;

type TRow = {
  calls: number;
  clientErrors: number;
  serverErrors: number;
  rateLimited: number;
  latencyBuckets: number[];
  latencySumMs: number;
  minuteMs: number;
};

describe("ApiAnalytics against Postgres", () => {
  let pool: pg.Pool;
  const versionId = "apiv_analytics_it";

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 4);
    await pool.query(
      `INSERT INTO "ApiProduct" ("id", "key", "name", "createdBy", "updatedAt") VALUES ('apip_it', 'orders-it', 'Orders', 'test', now())`,
    );
    await pool.query(
      `INSERT INTO "ApiVersion" ("id", "productId", "major", "lifecycle", "updatedAt") VALUES ($1, 'apip_it', 1, 'published', now())`,
      [versionId],
    );
  });

  afterAll(async () => {
    await pool.end();
  });

  const call = (over: Partial<TApiCall>): TApiCall => ({
    apiVersionId: versionId,
    environmentId: "env_prod",
    operation: "GET /orders/{id}",
    consumerId: "cons_a",
    status: 200,
    latencyMs: 8,
    at: MINUTE + 1_000,
    ...over,
  });

  async function row(consumerId: string): Promise<TRow | undefined> {
    const r = await pool.query<TRow>(
      `SELECT "calls", "clientErrors", "serverErrors", "rateLimited", "latencyBuckets", "latencySumMs",
              (extract(epoch FROM "minute") * 1000)::float8 AS "minuteMs"
       FROM "ApiCallMinute" WHERE "apiVersionId" = $1 AND "consumerId" = $2 AND "operation" = 'GET /orders/{id}'`,
      [versionId, consumerId],
    );
    return r.rows[0];
  }

  it("adds to the existing row across two flushes and two gateway instances", async () => {
    const a = new ApiAnalytics(pool, { flushMs: 0, log });
    const b = new ApiAnalytics(pool, { flushMs: 0, log });

    a.record(call({ status: 200, latencyMs: 8 }));
    a.record(call({ status: 404, latencyMs: 3 }));
    await a.flush();
    expect(await row("cons_a")).toMatchObject({ calls: 2, clientErrors: 1, minuteMs: MINUTE });

    a.record(call({ status: 503, latencyMs: 250 }));
    b.record(call({ status: 429, latencyMs: 1 }));
    b.record(call({ status: 200, latencyMs: 8 }));
    b.record(call({ consumerId: "", status: 401, latencyMs: 2 }));
    await Promise.all([a.flush(), b.flush()]);

    const r = await row("cons_a");
    expect(r).toMatchObject({ calls: 5, clientErrors: 1, serverErrors: 1, rateLimited: 1 });
    expect(r?.latencySumMs).toBeCloseTo(8 + 3 + 250 + 1 + 8);
    const expected = new Array<number>(16).fill(0);
    for (const ms of [8, 3, 250, 1, 8]) expected[bucketIndex(ms)]++;
    expect(r?.latencyBuckets).toEqual(expected);
    expect(await row("")).toMatchObject({ calls: 1, clientErrors: 1 });
    await a.stop();
    await b.stop();
  });

  it("keeps the counts of a flush that failed and writes them on the next one", async () => {
    const broken = createPgPool("postgresql://postgres@127.0.0.1:1/none", 1);
    const a = new ApiAnalytics(broken, { flushMs: 0, log });
    a.record(call({ consumerId: "cons_retry" }));
    await expect(a.flush()).rejects.toThrow();
    await broken.end();
    // Same cells, now against the real database (the pool is a private detail; swap it for the test).
    (a as unknown as { pool: pg.Pool }).pool = pool;
    a.record(call({ consumerId: "cons_retry", status: 500 }));
    await a.flush();
    expect(await row("cons_retry")).toMatchObject({ calls: 2, serverErrors: 1 });
  });

  it("purges minutes past the retention and keeps the recent ones", async () => {
    const a = new ApiAnalytics(pool, { flushMs: 0, log });
    a.record(call({ consumerId: "cons_old", at: Date.now() - API_ANALYTICS_RETENTION_MS - 86_400_000 }));
    a.record(call({ consumerId: "cons_recent" }));
    await a.flush();
    expect(await row("cons_old")).toBeDefined();
    expect(await purgeApiCallMinutes(pool, API_ANALYTICS_RETENTION_MS)).toBe(1);
    expect(await row("cons_old")).toBeUndefined();
    expect(await row("cons_recent")).toMatchObject({ calls: 1 });
  });
});
