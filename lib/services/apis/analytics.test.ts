import { describe, expect, it } from "vitest";
import { bucketIndex } from "@/lib/engine/metrics/buckets";
import { ZListQuery } from "@/lib/validation/list";
import {
  deprecationCandidates,
  emptyAggregate,
  errorPctOf,
  fillSeries,
  latencyOf,
  mergeAggregates,
  pageOperationStats,
  type TApiOperationStat,
  type TCandidateVersionInput,
} from "./analytics";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date(Date.UTC(2026, 11, 2, 12));

function agg(calls: number, latencies: number[], errors: Partial<{ c: number; s: number; r: number }> = {}) {
  const a = emptyAggregate();
  a.calls = calls;
  a.clientErrors = errors.c ?? 0;
  a.serverErrors = errors.s ?? 0;
  a.rateLimited = errors.r ?? 0;
  for (const ms of latencies) a.buckets[bucketIndex(ms)]++;
  return a;
}

describe("series helpers", () => {
  it("fills every bucket of the window, with ok = calls - errors and merged percentiles", () => {
    const start = Date.UTC(2026, 11, 1, 0);
    const points = fillSeries(
      new Map([[start + HOUR, agg(10, [5, 5, 5, 5, 5, 5, 5, 5, 5, 900], { c: 2, s: 1, r: 1 })]]),
      start,
      start + 3 * HOUR,
      HOUR,
    );
    expect(points.map((p) => p.t)).toEqual([start, start + HOUR, start + 2 * HOUR]);
    expect(points[0]).toMatchObject({ calls: 0, ok: 0, p95Ms: null });
    expect(points[1]).toMatchObject({ calls: 10, ok: 6, clientErrors: 2, serverErrors: 1, rateLimited: 1 });
    expect(points[1].p50Ms).toBeLessThanOrEqual(5);
    expect(points[1].p99Ms).toBeGreaterThan(500);
  });

  it("merges aggregates element-wise and keeps the latest call", () => {
    const a = { ...agg(2, [3, 3]), lastCallMs: 100 };
    const b = { ...agg(1, [3], { s: 1 }), lastCallMs: 300 };
    const m = mergeAggregates([a, b]);
    expect(m).toMatchObject({ calls: 3, serverErrors: 1, lastCallMs: 300 });
    expect(m.buckets[bucketIndex(3)]).toBe(3);
    expect(errorPctOf(m)).toBe(33.33);
    expect(errorPctOf(emptyAggregate())).toBeNull();
    expect(latencyOf(emptyAggregate())).toEqual({ p50Ms: null, p95Ms: null, p99Ms: null });
  });
});

describe("pageOperationStats", () => {
  const row = (
    operation: string,
    calls: number,
    p95Ms: number | null,
    versionKey = "orders/v1",
  ): TApiOperationStat => ({
    id: `${versionKey}:${operation}`,
    apiVersionId: versionKey,
    versionKey,
    lifecycle: "published",
    operation,
    calls,
    errors: 0,
    clientErrors: 0,
    serverErrors: 0,
    rateLimited: 0,
    errorPct: calls ? 0 : null,
    lastCallAt: null,
    p50Ms: p95Ms,
    p95Ms,
    p99Ms: p95Ms,
  });
  const rows = [
    row("GET /orders", 50, 20),
    row("GET /orders/{id}", 500, 8),
    row("POST /orders", 5, null),
    row("GET /items", 7, 40, "items/v2"),
  ];

  it("sorts busiest first by default, and by a column both ways with empty figures last", () => {
    expect(pageOperationStats(rows, ZListQuery.parse({})).rows.map((r) => r.calls)).toEqual([500, 50, 7, 5]);
    const asc = pageOperationStats(rows, ZListQuery.parse({ sort: "p95Ms", dir: "asc" }));
    expect(asc.rows.map((r) => r.p95Ms)).toEqual([8, 20, 40, null]);
    const desc = pageOperationStats(rows, ZListQuery.parse({ sort: "p95Ms", dir: "desc" }));
    expect(desc.rows.map((r) => r.p95Ms)).toEqual([40, 20, 8, null]);
  });

  it("searches operation and version, and pages", () => {
    expect(pageOperationStats(rows, ZListQuery.parse({ q: "{id}" })).rows.map((r) => r.operation)).toEqual([
      "GET /orders/{id}",
    ]);
    expect(pageOperationStats(rows, ZListQuery.parse({ q: "items/" })).total).toBe(1);
    const page2 = pageOperationStats(rows, ZListQuery.parse({ page: 2, pageSize: 3 }));
    expect(page2).toMatchObject({ total: 4, page: 2 });
    expect(page2.rows.map((r) => r.calls)).toEqual([5]);
  });
});

describe("deprecationCandidates", () => {
  const old = new Date(NOW.getTime() - 200 * DAY);
  const v = (over: Partial<TCandidateVersionInput>): TCandidateVersionInput => ({
    id: "v1",
    key: "orders/v1",
    productKey: "orders",
    major: 1,
    lifecycle: "published",
    publishedAt: old,
    calls7d: 1_000,
    callsPrev7d: 1_000,
    calls30d: 4_000,
    ...over,
  });

  it("lists a version superseded by a newer major that carries most of the calls", () => {
    const out = deprecationCandidates(
      [
        v({ calls7d: 100, callsPrev7d: 120 }),
        v({ id: "v2", key: "orders/v2", major: 2, calls7d: 900, publishedAt: new Date(NOW.getTime() - 40 * DAY) }),
      ],
      [],
      NOW,
    );
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      kind: "version",
      apiVersionId: "v1",
      rules: ["superseded"],
      successorKey: "orders/v2",
    });
    expect(out[0].reasons[0]).toBe(
      "orders/v2 now carries 90% of orders's calls (last 7 days); 100 remain on orders/v1.",
    );
  });

  it("does not call a version superseded while most calls still use it, or when the newer one is a draft", () => {
    expect(
      deprecationCandidates(
        [
          v({ calls7d: 500, callsPrev7d: 600 }),
          v({ id: "v2", key: "orders/v2", major: 2, calls7d: 500, callsPrev7d: 400 }),
        ],
        [],
        NOW,
      ),
    ).toEqual([]);
    expect(
      deprecationCandidates(
        [
          v({ calls7d: 150, callsPrev7d: 150 }),
          v({ id: "v2", key: "orders/v2", major: 2, calls7d: 900, lifecycle: "draft" }),
        ],
        [],
        NOW,
      ),
    ).toEqual([]);
  });

  it("flags low traffic only once a version has been out for 30 days", () => {
    const quiet = deprecationCandidates([v({ calls7d: 1, callsPrev7d: 2, calls30d: 12 })], [], NOW);
    expect(quiet[0]).toMatchObject({ rules: ["low-traffic"], reasons: ["Only 12 calls in 30 days."] });
    const silent = deprecationCandidates([v({ calls7d: 0, callsPrev7d: 0, calls30d: 0 })], [], NOW);
    expect(silent[0].reasons).toEqual(["No calls in 30 days."]);
    const young = deprecationCandidates(
      [v({ calls7d: 1, callsPrev7d: 0, calls30d: 1, publishedAt: new Date(NOW.getTime() - 3 * DAY) })],
      [],
      NOW,
    );
    expect(young).toEqual([]);
  });

  it("flags a steep week-over-week fall from enough calls, not a small wobble", () => {
    const fell = deprecationCandidates([v({ calls7d: 430, callsPrev7d: 1_200 })], [], NOW);
    expect(fell[0]).toMatchObject({ rules: ["falling"], reasons: ["Calls fell 64% week over week (1,200 → 430)."] });
    expect(deprecationCandidates([v({ calls7d: 700, callsPrev7d: 1_200 })], [], NOW)).toEqual([]);
    expect(deprecationCandidates([v({ calls7d: 1, callsPrev7d: 40, calls30d: 500 })], [], NOW)).toEqual([]);
  });

  it("skips deprecated, retired and draft versions", () => {
    for (const lifecycle of ["deprecated", "retired", "draft"])
      expect(deprecationCandidates([v({ lifecycle, calls30d: 0, calls7d: 0, callsPrev7d: 0 })], [], NOW)).toEqual([]);
  });

  it("lists operations of a healthy version that fall off or carry a sliver of its calls", () => {
    const out = deprecationCandidates(
      [v({ calls30d: 40_000 })],
      [
        { apiVersionId: "v1", operation: "GET /orders", calls7d: 9_000, callsPrev7d: 9_000, calls30d: 36_000 },
        { apiVersionId: "v1", operation: "GET /orders/export", calls7d: 20, callsPrev7d: 300, calls30d: 900 },
        { apiVersionId: "v1", operation: "DELETE /orders/{id}", calls7d: 30, callsPrev7d: 40, calls30d: 100 },
      ],
      NOW,
    );
    expect(out.map((c) => [c.operation, c.rules])).toEqual([
      ["GET /orders/export", ["falling"]],
      ["DELETE /orders/{id}", ["low-traffic"]],
    ]);
    expect(out[1].reasons[0]).toBe("100 of orders/v1's 40,000 calls in 30 days (0.25%).");
  });
});
