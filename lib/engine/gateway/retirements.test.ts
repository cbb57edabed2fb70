import type pg from "pg";
import { describe, expect, it } from "vitest";
import { brownoutDetail, deprecationHeaders, RetirementCache } from "./retirements";

const log = { info() {}, warn() {}, error() {} };
const T = Date.parse("2026-12-01T10:00:00Z");

function cacheWith(rows: unknown[] | Error) {
  let next = rows;
  const pool = {
    async query() {
      if (next instanceof Error) throw next;
      return { rows: next };
    },
  } as unknown as pg.Pool;
  return { cache: new RetirementCache(pool, { refreshMs: 60_000, log }), set: (r: unknown[] | Error) => (next = r) };
}

describe("RetirementCache", () => {
  it("finds the brownout a flow is in (the latest end of overlapping windows) and none outside", async () => {
    const { cache } = cacheWith([
      {
        flowId: "f1",
        deprecatedAt: T - 86_400_000,
        sunsetAt: T + 30 * 86_400_000,
        replacement: "",
        windows: [
          [T - 60_000, T + 60_000],
          [T, T + 120_000],
          [T + 600_000, T + 660_000],
        ],
      },
    ]);
    await cache.refresh();
    expect(cache.noticeFor("f1", T)?.brownoutEndsAt).toBe(T + 120_000);
    expect(cache.noticeFor("f1", T + 120_000)?.brownoutEndsAt).toBeNull();
    expect(cache.noticeFor("f1", T + 600_000)?.brownoutEndsAt).toBe(T + 660_000);
    expect(cache.noticeFor("other", T)).toBeNull();
  });

  it("merges a flow's own retirement with its interface's: earliest dates, all windows, first replacement", async () => {
    const { cache } = cacheWith([
      { flowId: "f1", deprecatedAt: T - 1_000, sunsetAt: T + 9_000_000, replacement: "", windows: null },
      {
        flowId: "f1",
        deprecatedAt: T - 5_000,
        sunsetAt: T + 5_000_000,
        replacement: "https://new.example/api",
        windows: [[T, T + 1_000]],
      },
    ]);
    await cache.refresh();
    expect(cache.noticeFor("f1", T)).toEqual({
      notice: {
        deprecatedAt: T - 5_000,
        sunsetAt: T + 5_000_000,
        replacement: "https://new.example/api",
        windows: [[T, T + 1_000]],
      },
      brownoutEndsAt: T + 1_000,
    });
  });

  it("keeps what it had when a reload fails", async () => {
    const c = cacheWith([{ flowId: "f1", deprecatedAt: T, sunsetAt: T, replacement: "", windows: [] }]);
    await c.cache.refresh();
    c.set(new Error("database down"));
    await expect(c.cache.refresh()).rejects.toThrow("database down");
    expect(c.cache.noticeFor("f1", T)).not.toBeNull();
  });
});

describe("deprecation headers", () => {
  const notice = {
    deprecatedAt: Date.parse("2026-11-01T08:00:00.250Z"),
    sunsetAt: Date.parse("2027-03-31T00:00:00Z"),
    replacement: "https://gateway.example/flows/orders-v2/prod",
    windows: [],
  };
  it("says when (RFC 9745 @seconds), until when (RFC 8594 HTTP date) and links a URL successor", () => {
    expect(deprecationHeaders(notice)).toEqual({
      deprecation: `@${Date.parse("2026-11-01T08:00:00Z") / 1000}`,
      sunset: "Wed, 31 Mar 2027 00:00:00 GMT",
      link: '<https://gateway.example/flows/orders-v2/prod>; rel="successor-version"',
    });
    expect(deprecationHeaders({ ...notice, replacement: "ask the orders team" })).not.toHaveProperty("link");
  });
  it("tells the caller the window's end, the sunset and the replacement", () => {
    expect(brownoutDetail("orders", notice, Date.parse("2026-12-01T10:05:00Z"))).toBe(
      "The input of orders is deprecated and in a brownout until 2026-12-01T10:05:00.000Z; it is sunset on 2027-03-31. Use https://gateway.example/flows/orders-v2/prod instead.",
    );
  });
});
