import { beforeAll, describe, expect, it } from "vitest";
// Aliased: the react-hooks lint rule mistakes the "use" prefix for a React hook.
import { useTestDatabase as withTestDatabase } from "@/test/db";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { BUCKET_COUNT, bucketIndex } from "@/lib/engine/metrics/buckets";
import { parseApiAnalyticsFilters } from "@/lib/validation/api-analytics";
import {
  consumersOfVersion,
  deprecatedVersionCallers,
  findDeprecationCandidates,
  findUnderusedEndpoints,
  getApiCallSeries,
  listApiOperationStats,
  topApiConsumers,
} from "./analytics";
import { loadSyncAsyncAdvice } from "./sync-async";

withTestDatabase();
const NOW = new Date("2026-06-15T12:30:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const actor = systemActor("test");
const nobody: Actor = { id: "u", email: "x@example.com", name: "X", role: "viewer" };

const openapi = (paths: string[]) => ({
  openapi: "3.1.0",
  info: { title: "Orders", version: "1.0.0" },
  paths: Object.fromEntries(
    paths.map((p) => {
      const [method, path] = p.split(" ");
      return [path, { [method.toLowerCase()]: { summary: p, responses: { "200": { description: "ok" } } } }];
    }),
  ),
});

let v1: string;
let v2: string;

function buckets(ms: number, n: number): number[] {
  const b = new Array<number>(BUCKET_COUNT).fill(0);
  b[bucketIndex(ms)] = n;
  return b;
}

async function calls(
  apiVersionId: string,
  operation: string,
  consumerId: string,
  hoursAgo: number,
  n: number,
  ms: number,
  errors: { c?: number; s?: number; r?: number } = {},
  environmentId = "env_prod",
) {
  await db().apiCallMinute.create({
    data: {
      apiVersionId,
      environmentId,
      operation,
      consumerId,
      minute: new Date(Math.floor((NOW.getTime() - hoursAgo * HOUR) / 60_000) * 60_000),
      calls: n,
      clientErrors: errors.c ?? 0,
      serverErrors: errors.s ?? 0,
      rateLimited: errors.r ?? 0,
      latencyBuckets: buckets(ms, n),
      latencySumMs: ms * n,
    },
  });
}

beforeAll(async () => {
  const plan = await db().apiPlan.create({ data: { key: "gold", name: "Gold" } });
  const product = await db().apiProduct.create({ data: { key: "orders", name: "Orders", createdBy: "test" } });
  const mk = async (
    major: number,
    lifecycle: "published" | "deprecated",
    paths: string[],
    publishedDaysAgo: number,
  ) => {
    const version = await db().apiVersion.create({
      data: {
        productId: product.id,
        major,
        lifecycle,
        publishedAt: new Date(NOW.getTime() - publishedDaysAgo * DAY),
        deprecatedAt: lifecycle === "deprecated" ? new Date(NOW.getTime() - 5 * DAY) : null,
      },
    });
    const document = {
      product: "orders",
      major,
      openapi: openapi(paths),
      backend: { kind: "http", url: "https://backend.example.com" },
      auth: {},
      syncTimeoutMs: 2_000,
    };
    const revision = await db().apiRevision.create({
      data: {
        apiVersionId: version.id,
        number: 1,
        semver: "1.0.0",
        contentHash: `h${major}`,
        document,
        source: "{}",
        createdBy: "test",
      },
    });
    await db().apiDeployment.create({
      data: {
        apiVersionId: version.id,
        revisionId: revision.id,
        environmentId: "env_prod",
        contentHash: `h${major}`,
        activeSlot: `${version.id}:env_prod`,
        deployedBy: "test",
        deployedAt: new Date(NOW.getTime() - publishedDaysAgo * DAY),
      },
    });
    return version.id;
  };
  v1 = await mk(1, "deprecated", ["GET /orders", "GET /orders/{id}"], 200);
  v2 = await mk(2, "published", ["GET /orders", "GET /orders/{id}", "DELETE /orders/{id}"], 60);
  const consumer = (key: string, name: string, latencyToleranceMs: number | null) =>
    db().apiConsumer.create({
      data: { key, name, planId: plan.id, callbackSecret: "s", createdBy: "test", latencyToleranceMs },
    });
  await consumer("shop", "Webshop", 300);
  await consumer("erp", "ERP", null);
  await consumer("legacy", "Legacy portal", null);
  const ids = Object.fromEntries((await db().apiConsumer.findMany()).map((c) => [c.key, c.id]));

  // v2: busy, 3 consumers; GET /orders fast, GET /orders/{id} slow (800 ms); DELETE never called.
  for (let h = 0; h < 48; h++) {
    await calls(v2, "GET /orders", ids.shop, h, 100, 15, { c: 2, s: 1 });
    await calls(v2, "GET /orders/{id}", ids.erp, h, 10, 800, { r: 1 });
  }
  await calls(v2, "GET /orders", "", 1, 4, 15, { c: 4 });
  await calls(v2, "GET /orders", ids.shop, 2, 7, 15, {}, "env_dev");
  // items: v1 published long ago and nearly silent, v2 carries the traffic.
  const items = await db().apiProduct.create({ data: { key: "items", name: "Items", createdBy: "test" } });
  const long = new Date(NOW.getTime() - 300 * DAY);
  const i1 = await db().apiVersion.create({
    data: { productId: items.id, major: 1, lifecycle: "published", publishedAt: long },
  });
  const i2 = await db().apiVersion.create({
    data: { productId: items.id, major: 2, lifecycle: "published", publishedAt: long },
  });
  await calls(i1.id, "GET /items", "", 5, 3, 10);
  await calls(i2.id, "GET /items", "", 5, 400, 10);
  await calls(i2.id, "GET /items", "", 24 * 9, 400, 10);
  // v1: the legacy consumer still calls, a little; the ERP called 20 days ago.
  await calls(v1, "GET /orders", ids.legacy, 3, 5, 40);
  await calls(v1, "GET /orders", ids.legacy, 30, 6, 40);
  await calls(v1, "GET /orders/{id}", ids.erp, 20 * 24, 9, 40);
});

const filters = (raw: Record<string, string> = {}) => parseApiAnalyticsFilters(raw);

describe("API analytics reads", () => {
  it("refuses an actor without a session", async () => {
    await expect(getApiCallSeries(null as unknown as Actor, filters())).rejects.toThrow("Sign in");
    // Every role has api:read.
    await expect(getApiCallSeries(nobody, filters(), NOW)).resolves.toBeDefined();
  });

  it("draws hourly series over 24 hours with calls, errors and merged percentiles", async () => {
    const s = await getApiCallSeries(actor, filters({ range: "24h", product: "orders", env: "prod" }), NOW);
    expect(s.bucket).toBe("hour");
    expect(s.points).toHaveLength(24);
    // The last point is the current hour: v2 h=0 rows (100 + 10) land in it.
    const last = s.points[s.points.length - 1];
    expect(last.t).toBe(Date.UTC(2026, 5, 15, 12));
    expect(last).toMatchObject({ calls: 110, clientErrors: 2, serverErrors: 1, rateLimited: 1, ok: 106 });
    expect(last.p50Ms).toBeLessThanOrEqual(20);
    expect(last.p99Ms).toBeGreaterThan(500);
    // 24 hours h = 0..23 of v2 plus v1's 5 calls and the 4 unidentified ones (the dev calls are filtered out).
    expect(s.totals.calls).toBe(24 * 110 + 5 + 4);
  });

  it("filters by version, consumer and environment, and buckets 30 days by day", async () => {
    const ids = Object.fromEntries((await db().apiConsumer.findMany()).map((c) => [c.key, c.id]));
    const byConsumer = await getApiCallSeries(actor, filters({ range: "30d", consumer: ids.legacy }), NOW);
    expect(byConsumer.bucket).toBe("day");
    expect(byConsumer.points).toHaveLength(30);
    expect(byConsumer.totals.calls).toBe(11);
    const dev = await getApiCallSeries(actor, filters({ range: "7d", env: "dev" }), NOW);
    expect(dev.totals.calls).toBe(7);
    const version = await getApiCallSeries(actor, filters({ range: "30d", version: v1 }), NOW);
    expect(version.totals.calls).toBe(20);
    const unknown = await getApiCallSeries(actor, filters({ product: "nope" }), NOW);
    expect(unknown.totals.calls).toBe(0);
  });

  it("lists per-operation stats with error rate and p95", async () => {
    const rows = await listApiOperationStats(actor, filters({ range: "7d", version: v2, env: "prod" }), NOW);
    expect(rows.map((r) => [r.versionKey, r.operation, r.calls])).toEqual([
      ["orders/v2", "GET /orders", 48 * 100 + 4],
      ["orders/v2", "GET /orders/{id}", 480],
    ]);
    expect(rows[0].errorPct).toBeCloseTo(((48 * 3 + 4) / 4804) * 100, 1);
    expect(rows[1].p95Ms).toBeGreaterThan(500);
    expect(rows[1].p95Ms).toBeLessThanOrEqual(1_000);
  });

  it("ranks consumers, and lists who still calls the deprecated v1", async () => {
    const top = await topApiConsumers(actor, filters({ version: v2 }), {}, NOW);
    expect(top.map((t) => t.name)).toEqual(["Webshop", "ERP", "Unidentified callers"]);
    const callers = await consumersOfVersion(actor, v1, {}, NOW);
    expect(callers.map((c) => [c.name, c.calls, c.callsLast7d, c.environments])).toEqual([
      ["Legacy portal", 11, 11, ["prod"]],
      ["ERP", 9, 0, ["prod"]],
    ]);
    expect(callers[0].lastCallAt).toBe(
      new Date(Math.floor((NOW.getTime() - 3 * HOUR) / 60_000) * 60_000).toISOString(),
    );
    expect(await consumersOfVersion(actor, v1, { sinceDays: 7 }, NOW)).toHaveLength(1);
    const deprecated = await deprecatedVersionCallers(actor, {}, { sinceDays: 30 }, NOW);
    expect(deprecated.map((d) => [d.versionKey, d.callers.length])).toEqual([["orders/v1", 2]]);
  });

  it("flags deployed operations with no calls in the idle window", async () => {
    const u = await findUnderusedEndpoints(actor, filters({ idle: "30" }), NOW);
    expect(u.environmentKey).toBe("prod");
    expect(u.endpoints.map((e) => `${e.versionKey} ${e.operation}`)).toEqual(["orders/v2 DELETE /orders/{id}"]);
    const shorter = await findUnderusedEndpoints(actor, filters({ idle: "7" }), NOW);
    expect(shorter.endpoints.map((e) => `${e.versionKey} ${e.operation} ${e.lastCallAt ? "seen" : "never"}`)).toEqual([
      "orders/v1 GET /orders/{id} seen",
      "orders/v2 DELETE /orders/{id} never",
    ]);
  });

  it("lists deprecation candidates with reasons (deprecated v1 is not one; low-share operations are)", async () => {
    const c = await findDeprecationCandidates(actor, filters(), NOW);
    expect(c.map((x) => [x.versionKey, x.operation, x.rules])).toEqual([
      ["items/v1", null, ["superseded", "low-traffic"]],
    ]);
    expect(c[0].successorKey).toBe("items/v2");
    expect(c[0].reasons).toEqual([
      "items/v2 now carries 99% of items's calls (last 7 days); 3 remain on items/v1.",
      "Only 3 calls in 30 days.",
    ]);
    expect(await findDeprecationCandidates(actor, filters({ product: "orders" }), NOW)).toEqual([]);
  });

  it("advises sync or async per operation from measured latency and consumer tolerance", async () => {
    const advice = await loadSyncAsyncAdvice(actor, v2, NOW);
    const by = Object.fromEntries(advice.map((a) => [a.operation, a]));
    expect(Object.keys(by).sort()).toEqual(["DELETE /orders/{id}", "GET /orders", "GET /orders/{id}"]);
    // Webshop tolerates 300 ms: 15 ms is sync for everyone; 800 ms is over its tolerance.
    expect(by["GET /orders"]).toMatchObject({
      recommendation: "sync",
      budgetMs: 300,
      constrainedBy: "Webshop",
      syncTimeoutMs: 2_000,
    });
    expect(by["GET /orders/{id}"].recommendation).toBe("async");
    // ERP declared no tolerance: its budget is the 2 s sync timeout, and p99 (under 1 s) is within half of it.
    expect(by["GET /orders/{id}"].consumers.find((x) => x.name === "ERP")).toMatchObject({
      recommendation: "sync",
      budgetMs: 2_000,
    });
    expect(by["DELETE /orders/{id}"]).toMatchObject({ recommendation: "either", isMeasured: false, calls: 0 });
  });
});
