import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import type { TLimitStore, TPlanLimits } from "@/lib/apis/limits-types";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { windowOf } from "./decide";
import { createLimitStore, limitHeaders, prunePostgresLimitWindows } from "./index";
import { LUA_CALENDAR } from "./lua";
import { redisLimitKeyBase } from "./redis-store";
import { startLimitWorker, type TLimitWorker } from "./test-support/workers";

const dbUrl = useTestDatabase();
const REDIS_URL = "redis://127.0.0.1:6379";
const NONE: TPlanLimits = { ratePerSecond: null, burst: null, perMinute: null, perDay: null, perMonth: null };
const log = { info() {}, warn() {}, error() {} };
const uniq = (s: string) => `${s}-${randomBytes(4).toString("hex")}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type TKind = "redis" | "postgres";

describe.each<TKind>(["redis", "postgres"])("%s limit store", (kind) => {
  const prefix = `sb-test:limits:${randomBytes(4).toString("hex")}:`;
  let pool: pg.Pool;
  let redis: Redis;
  let store: TLimitStore;
  const workers: TLimitWorker[] = [];

  /** The store's clock, which is the only clock the limits use. */
  async function storeNow(): Promise<number> {
    if (kind === "redis") {
      const [s, us] = await redis.time();
      return Number(s) * 1000 + Math.floor(Number(us) / 1000);
    }
    const { rows } = await pool.query<{ ms: number }>(
      `SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms`,
    );
    return Number(rows[0].ms);
  }

  /** Every minute window's count for the consumer, as the store holds it: windowStart ms → count. */
  async function minuteCounts(consumerKey: string): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    if (kind === "redis") {
      const base = redisLimitKeyBase(prefix, consumerKey);
      const keys = await redis.keys(`${base.replace(/[{}*?[\]]/g, "\\$&")}:minute:*`);
      for (const k of keys) out.set(Number(k.split(":").pop()), Number(await redis.get(k)));
      return out;
    }
    const { rows } = await pool.query<{ start: number; count: number }>(
      `SELECT (extract(epoch FROM "windowStart") * 1000)::float8 AS start, "count" FROM "ApiQuotaCounter"
        WHERE "key" = $1 AND "period" = 'minute'`,
      [consumerKey],
    );
    for (const r of rows) out.set(Number(r.start), r.count);
    return out;
  }

  /** Waits until the store's clock is `atMs` into a minute (the next time it gets there). */
  async function untilSecondOfMinute(atMs: number): Promise<void> {
    const into = (await storeNow()) % 60_000;
    const wait = (atMs - into + 60_000) % 60_000;
    await sleep(wait);
  }

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 4);
    redis = new Redis(REDIS_URL);
    store = await createLimitStore({
      redisUrl: kind === "redis" ? REDIS_URL : undefined,
      pool,
      log,
      keyPrefix: prefix,
    });
    expect(store.kind).toBe(kind);
    const config = { store: kind, databaseUrl: dbUrl(), redisUrl: REDIS_URL, keyPrefix: prefix };
    // Three gateway processes with their own store instances; the second runs 90 s fast and in
    // another time zone, the third 40 s slow. Only the store's clock may count.
    workers.push(
      ...(await Promise.all([
        startLimitWorker({ ...config, skewMs: 0 }),
        startLimitWorker({ ...config, skewMs: 90_000 }, { TZ: "Pacific/Kiritimati" }),
        startLimitWorker({ ...config, skewMs: -40_000 }, { TZ: "America/Los_Angeles" }),
      ])),
    );
  });

  afterAll(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await store?.close();
    if (redis) {
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== "0");
      expect(await redis.keys(`${prefix}*`)).toEqual([]);
      redis.disconnect();
    }
    await pool?.end();
  });

  it("the workers' local clocks really differ", async () => {
    const spread = Math.max(...workers.map((w) => w.localNow)) - Math.min(...workers.map((w) => w.localNow));
    expect(spread).toBeGreaterThan(120_000);
  });

  it("at a window edge, three processes firing across the minute boundary admit exactly the limit on each side", async () => {
    const consumerKey = uniq("edge");
    const plan = { ...NONE, perMinute: 50 };
    await untilSecondOfMinute(57_500);
    const before = await storeNow();
    const results = await Promise.all(
      workers.map((w) => w.fire({ consumerKey, plan, requests: 1_000_000, durationMs: 5_000, concurrency: 8 })),
    );
    const after = await storeNow();
    const boundaries = Math.floor(after / 60_000) - Math.floor(before / 60_000);
    expect(boundaries).toBe(1); // the run did span exactly one minute boundary

    const counts = await minuteCounts(consumerKey);
    expect([...counts.entries()].sort()).toEqual([
      [windowOf("minute", before).startMs, 50],
      [windowOf("minute", after).startMs, 50],
    ]);
    expect(results.reduce((n, r) => n + r.admitted, 0)).toBe(100);
    expect(results.every((r) => r.refused > 0)).toBe(true);
  }, 120_000);

  it("a limit of 1000 per minute shared by three processes under concurrent load admits exactly 1000; 500 more refusals leave the count at 1000", async () => {
    const plan = { ...NONE, perMinute: 1000 };
    for (let attempt = 1; ; attempt++) {
      const consumerKey = uniq("shared");
      // Start early in a minute (on the store's clock) so the run stays inside one window.
      if ((await storeNow()) % 60_000 > 40_000) await untilSecondOfMinute(200);
      const before = await storeNow();
      const results = await Promise.all(
        workers.map((w) => w.fire({ consumerKey, plan, requests: 600, concurrency: 16 })),
      );
      // Refusals: none admitted, none counted.
      const extra = await Promise.all(
        workers.map((w, i) => w.fire({ consumerKey, plan, requests: [200, 150, 150][i], concurrency: 8 })),
      );
      const after = await storeNow();
      if (windowOf("minute", before).startMs !== windowOf("minute", after).startMs) {
        // The run crossed a minute boundary after all: the second window rightly admitted more.
        if (attempt < 3) continue;
        throw new Error("three runs in a row straddled a minute boundary");
      }

      const admitted = results.map((r) => r.admitted);
      expect(admitted.reduce((a, b) => a + b, 0)).toBe(1000);
      expect(results.reduce((n, r) => n + r.refused, 0)).toBe(800);
      // Every process got a share: they really did compete.
      expect(admitted.every((n) => n > 0)).toBe(true);
      expect(extra.reduce((n, r) => n + r.admitted, 0)).toBe(0);
      expect(extra.reduce((n, r) => n + r.refused, 0)).toBe(500);
      expect(extra.every((r) => r.refusedBy.minute === r.refused)).toBe(true);
      expect([...(await minuteCounts(consumerKey)).values()]).toEqual([1000]);
      const last = extra[0].last!;
      expect(limitHeaders(last)["RateLimit"]).toMatch(/^"minute";r=0;t=\d+$/);
      return;
    }
  }, 180_000);

  it("a bucket-limited consumer that keeps sending while refused recovers as the bucket refills", async () => {
    const consumerKey = uniq("bucket");
    const plan = { ...NONE, ratePerSecond: 20, burst: 5, perDay: 100_000 };
    const admittedAt: number[] = [];
    let refused = 0;
    const t0 = performance.now();
    const start = await storeNow();
    const lane = async () => {
      while (performance.now() - t0 < 2_000) {
        const d = await store.consume(consumerKey, plan);
        if (d.allowed) admittedAt.push(performance.now() - t0);
        else refused++;
        await sleep(2);
      }
    };
    await Promise.all([lane(), lane(), lane()]);
    const elapsedS = ((await storeNow()) - start) / 1000;

    // The burst at once, then 20 per second: refusals did not drain the bucket (Tyk #1876).
    expect(admittedAt.slice(0, 5).every((t) => t < 200)).toBe(true);
    expect(admittedAt.length).toBeGreaterThanOrEqual(5 + Math.floor(20 * (elapsedS - 0.3)));
    expect(admittedAt.length).toBeLessThanOrEqual(5 + Math.ceil(20 * elapsedS) + 1);
    expect(admittedAt.filter((t) => t > 1_500).length).toBeGreaterThanOrEqual(8);
    expect(refused).toBeGreaterThan(100);

    // And the refused requests used up none of the day's quota.
    const d = await store.consume(consumerKey, { ...plan, ratePerSecond: 1000, burst: 1000 });
    expect(d.policies.find((p) => p.name === "day")?.remaining).toBe(100_000 - admittedAt.length - 1);
  });

  it("a daily quota runs out with the right RateLimit, RateLimit-Policy and Retry-After", async () => {
    const consumerKey = uniq("daily");
    const plan = { ...NONE, perMinute: 100, perDay: 3 };
    const headers = [];
    for (let i = 0; i < 3; i++) {
      const d = await store.consume(consumerKey, plan);
      expect(d.allowed).toBe(true);
      headers.push(limitHeaders(d));
    }
    expect(headers[0]).toMatchObject({ "RateLimit-Policy": `"day";q=3;w=86400, "minute";q=100;w=60` });
    expect(headers[0]["RateLimit"]).toMatch(/^"day";r=2;t=\d+, "minute";r=99;t=\d+$/);
    expect(headers[2]["RateLimit"]).toMatch(/^"day";r=0;t=\d+, "minute";r=97;t=\d+$/);
    expect(headers[2]["Retry-After"]).toBeUndefined();

    const now = await storeNow();
    const refusals = [];
    for (let i = 0; i < 5; i++) refusals.push(await store.consume(consumerKey, plan));
    const toMidnight = Math.ceil((windowOf("day", now).endMs - now) / 1000);
    for (const d of refusals) {
      expect(d).toMatchObject({ allowed: false, refusedBy: "day" });
      const h = limitHeaders(d);
      expect(h["RateLimit-Policy"]).toBe(`"day";q=3;w=86400, "minute";q=100;w=60`);
      const m = /^"day";r=0;t=(\d+), "minute";r=97;t=(\d+)$/.exec(h["RateLimit"]);
      expect(m).not.toBeNull();
      expect(Math.abs(Number(m![1]) - toMidnight)).toBeLessThanOrEqual(2);
      expect(Number(m![2])).toBeLessThanOrEqual(60);
      expect(h["Retry-After"]).toBe(m![1]);
    }
  });

  if (kind === "redis") {
    it("the script's calendar windows match the JS ones at month, year and leap-day edges", async () => {
      const instants = [
        "1970-01-01T00:00:00Z",
        "2024-02-29T23:59:59.999Z",
        "2024-03-01T00:00:00Z",
        "2026-12-31T23:59:59.999Z",
        "2027-01-01T00:00:00Z",
        "2100-02-28T12:00:00Z",
        "2000-02-29T00:00:00Z",
        "2026-12-02T13:45:59.999Z",
      ].map(Date.parse);
      for (let i = 0; i < 50; i++) instants.push(Date.parse("2020-01-01T00:00:00Z") + i * 37 * 86_400_000 + i * 7_919);
      for (const ms of instants) {
        for (const [i, period] of (["minute", "day", "month"] as const).entries()) {
          const got = (await redis.eval(
            `${LUA_CALENDAR}\nlocal s, e = window(tonumber(ARGV[1]), tonumber(ARGV[2]))\nreturn { string.format('%.0f', s), string.format('%.0f', e) }`,
            0,
            String(i + 1),
            String(ms),
          )) as [string, string];
          const want = windowOf(period, ms);
          expect([Number(got[0]), Number(got[1])], `${period} at ${new Date(ms).toISOString()}`).toEqual([
            want.startMs,
            want.endMs,
          ]);
        }
      }
    });

    it("every key has a prefix and a TTL no longer than its use", async () => {
      const consumerKey = uniq("ttl");
      await store.consume(consumerKey, { ratePerSecond: 5, burst: 5, perMinute: 10, perDay: 10, perMonth: 10 });
      const keys = await redis.keys(`${redisLimitKeyBase(prefix, consumerKey).replace(/[{}]/g, "\\$&")}:*`);
      expect(keys).toHaveLength(4);
      const ttls = Object.fromEntries(
        await Promise.all(
          keys.map(async (k) => [k.endsWith(":tat") ? "tat" : k.split(":").at(-2), await redis.pttl(k)]),
        ),
      );
      expect(ttls.tat).toBeGreaterThan(0);
      expect(ttls.tat).toBeLessThanOrEqual(200 + 1000);
      expect(ttls.minute).toBeGreaterThan(60_000);
      expect(ttls.minute).toBeLessThanOrEqual(120_000);
      expect(ttls.day).toBeLessThanOrEqual(86_400_000 + 60_000);
      expect(ttls.month).toBeLessThanOrEqual(31 * 86_400_000 + 60_000);
    });
  } else {
    it("pruning deletes windows long ended and keeps the current ones", async () => {
      const consumerKey = uniq("prune");
      await store.consume(consumerKey, { ...NONE, perMinute: 5, perDay: 5, perMonth: 5 });
      await pool.query(
        `INSERT INTO "ApiQuotaCounter" ("key", "period", "windowStart", "count") VALUES
           ($1, 'minute', (clock_timestamp() AT TIME ZONE 'UTC') - interval '3 hours', 9),
           ($1, 'day', (clock_timestamp() AT TIME ZONE 'UTC') - interval '5 days', 9),
           ($1, 'month', (clock_timestamp() AT TIME ZONE 'UTC') - interval '100 days', 9)`,
        [consumerKey],
      );
      expect(await prunePostgresLimitWindows(pool)).toBeGreaterThanOrEqual(3);
      const { rows } = await pool.query<{ period: string; count: number }>(
        `SELECT "period", "count" FROM "ApiQuotaCounter" WHERE "key" = $1 ORDER BY "period"`,
        [consumerKey],
      );
      expect(rows).toEqual([
        { period: "day", count: 1 },
        { period: "minute", count: 1 },
        { period: "month", count: 1 },
      ]);
    });
  }
});
