import type pg from "pg";
import { describe, expect, it } from "vitest";
import { BUCKET_COUNT, bucketIndex } from "@/lib/engine/metrics/buckets";
import { ApiAnalytics } from "./analytics";
import type { TApiCall } from "./contracts";

const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
const T0 = Date.UTC(2026, 11, 2, 10, 15, 0);

function fakePool(failTimes = 0) {
  const queries: { sql: string; params: unknown[] }[] = [];
  let failures = failTimes;
  const pool = {
    query: (sql: string, params: unknown[]) => {
      if (failures > 0) {
        failures--;
        return Promise.reject(new Error("connection refused"));
      }
      queries.push({ sql, params });
      return Promise.resolve({ rows: [], rowCount: 0 });
    },
  } as unknown as pg.Pool;
  return { pool, queries };
}

function call(over: Partial<TApiCall> = {}): TApiCall {
  return {
    apiVersionId: "v1",
    environmentId: "env_prod",
    operation: "GET /orders/{id}",
    consumerId: "c1",
    status: 200,
    latencyMs: 12,
    at: T0 + 5_000,
    ...over,
  };
}

describe("ApiAnalytics.record", () => {
  it("adds calls into one cell per version, environment, operation, consumer and minute", () => {
    const a = new ApiAnalytics(fakePool().pool, { flushMs: 0, log });
    a.record(call());
    a.record(call({ at: T0 + 59_999, latencyMs: 3 }));
    a.record(call({ at: T0 + 60_000 })); // next minute
    a.record(call({ consumerId: "c2" }));
    a.record(call({ operation: "POST /orders" }));
    a.record(call({ environmentId: "env_dev" }));
    a.record(call({ apiVersionId: "v2" }));
    const cells = a.pending();
    expect(cells).toHaveLength(6);
    const first = cells.find(
      (c) =>
        c.minute === T0 &&
        c.consumerId === "c1" &&
        c.operation === "GET /orders/{id}" &&
        c.apiVersionId === "v1" &&
        c.environmentId === "env_prod",
    );
    expect(first?.calls).toBe(2);
    expect(first?.latencySumMs).toBe(15);
    expect(first?.latencyBuckets).toHaveLength(BUCKET_COUNT);
    expect(first?.latencyBuckets[bucketIndex(12)]).toBe(1);
    expect(first?.latencyBuckets[bucketIndex(3)]).toBe(1);
    expect(cells.find((c) => c.minute === T0 + 60_000)?.calls).toBe(1);
  });

  it("classifies 4xx as client errors, 5xx as server errors and 429 as rate limited only", () => {
    const a = new ApiAnalytics(fakePool().pool, { flushMs: 0, log });
    for (const status of [200, 201, 204, 302, 400, 401, 404, 429, 429, 500, 502, 504]) a.record(call({ status }));
    const [c] = a.pending();
    expect(c).toMatchObject({ calls: 12, clientErrors: 3, serverErrors: 3, rateLimited: 2 });
  });
});

describe("ApiAnalytics.flush", () => {
  it("writes every cell in one multi-row upsert and then forgets them", async () => {
    const { pool, queries } = fakePool();
    const a = new ApiAnalytics(pool, { flushMs: 0, log });
    a.record(call());
    a.record(call({ consumerId: "" }));
    await a.flush();
    expect(queries).toHaveLength(1);
    expect(queries[0].sql).toContain(
      'ON CONFLICT ("apiVersionId", "environmentId", "operation", "consumerId", "minute")',
    );
    expect(queries[0].sql).toContain('"calls" = "ApiCallMinute"."calls" + EXCLUDED."calls"');
    expect(queries[0].params).toHaveLength(22);
    expect(a.pending()).toEqual([]);
    await a.flush();
    expect(queries).toHaveLength(1); // nothing new, nothing written
  });

  it("keeps the counts of a failed flush and adds them to what arrives before the next one", async () => {
    const { pool, queries } = fakePool(1);
    const a = new ApiAnalytics(pool, { flushMs: 0, log });
    a.record(call({ status: 500 }));
    await expect(a.flush()).rejects.toThrow("connection refused");
    a.record(call({ status: 200 }));
    expect(a.pending()).toEqual([expect.objectContaining({ calls: 2, serverErrors: 1 })]);
    await a.flush();
    expect(queries).toHaveLength(1);
    // calls and serverErrors parameters of the one row
    expect(queries[0].params.slice(5, 9)).toEqual([2, 0, 1, 0]);
  });

  it("flushes what is left on stop", async () => {
    const { pool, queries } = fakePool();
    const a = new ApiAnalytics(pool, { flushMs: 60_000, log });
    a.record(call());
    await a.stop();
    expect(queries).toHaveLength(1);
  });
});
