import net from "node:net";
import { Redis } from "ioredis";
import type pg from "pg";
import { Agent, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { errorTypeUri } from "@/lib/errors";
import { DEFAULT_REDIS_LIMIT_PREFIX } from "@/lib/engine/gateway/limits";
import { spawnEngineProcess, stopEngineProcess, type TEngineProcess } from "@/lib/engine/runtime/test-harness";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { issueKey, seedApi, seedConsumer, startEchoUpstream } from "./test-harness";

const dbUrl = useTestDatabase();
const REDIS_URL = "redis://127.0.0.1:6379";
const LIMIT = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

type TReply = { status: number; headers: Record<string, string>; body: string };

// The acceptance test at the HTTP level: three engine processes, each with its own API gateway and its
// own limit store instance, behind one consumer's 1000-per-minute plan; requests spread over all three.
describe.each<"redis" | "postgres">(["redis", "postgres"])("three API gateway processes on the %s store", (kind) => {
  let pool: pg.Pool;
  let redis: Redis;
  let upstream: Awaited<ReturnType<typeof startEchoUpstream>>;
  const engines: TEngineProcess[] = [];
  const ports: number[] = [];
  const consumers: string[] = [];
  let agent = new Agent({ connections: 64 });
  let apiVersionId = "";

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

  /** The count of the minute starting at `startMs`, as the store holds it (only the store under test has one). */
  async function storeCount(consumerId: string, startMs: number): Promise<number> {
    if (kind === "redis")
      return Number(await redis.get(`${DEFAULT_REDIS_LIMIT_PREFIX}{${consumerId}}:minute:${startMs}`));
    const { rows } = await pool.query<{ n: number }>(
      `SELECT coalesce(sum("count"), 0)::int AS n FROM "ApiQuotaCounter"
        WHERE "key" = $1 AND "period" = 'minute' AND "windowStart" = to_timestamp($2::float8 / 1000) AT TIME ZONE 'UTC'`,
      [consumerId, startMs],
    );
    return rows[0].n;
  }

  /** A transport failure is a reply too (status 0), so the run's tally shows it instead of aborting. */
  async function call(port: number, key: string): Promise<TReply> {
    return callOnce(port, key).catch((error: unknown) => ({ status: 0, headers: {}, body: String(error) }));
  }

  async function callOnce(port: number, key: string): Promise<TReply> {
    const res = await request(`http://127.0.0.1:${port}/limited-${kind}/v1/orders`, {
      method: "POST",
      headers: { "x-api-key": key, "content-type": "application/json" },
      body: JSON.stringify({ sku: "ABC-1", qty: 2 }),
      dispatcher: agent,
    });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) headers[k] = Array.isArray(v) ? v.join(", ") : String(v);
    return { status: res.statusCode, headers, body: await res.body.text() };
  }

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 3);
    redis = new Redis(REDIS_URL);
    upstream = await startEchoUpstream();
    ({ apiVersionId } = await seedApi(pool, {
      product: `limited-${kind}`,
      document: {
        openapi: {
          openapi: "3.1.0",
          info: { title: "Limited", version: "1.0.0" },
          paths: {
            "/orders": {
              post: {
                requestBody: {
                  required: true,
                  content: {
                    "application/json": {
                      schema: {
                        type: "object",
                        required: ["sku", "qty"],
                        properties: { sku: { type: "string" }, qty: { type: "integer", minimum: 1 } },
                      },
                    },
                  },
                },
                responses: { "200": { description: "echoed" } },
              },
            },
          },
        },
        backend: { kind: "http", url: upstream.url },
      },
    }));
    for (let i = 0; i < 3; i++) ports.push(await freePort());
    engines.push(
      ...ports.map((port) =>
        spawnEngineProcess(dbUrl(), "postgres", {
          ENGINE_API_GATEWAY_PORT: String(port),
          ENGINE_API_GATEWAY_HOST: "127.0.0.1",
          ...(kind === "redis" ? { REDIS_URL } : {}),
          ENGINE_API_REFRESH_MS: "500",
        }),
      ),
    );
    await Promise.all(engines.map((e) => e.ready));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(engines.splice(0).map((e) => stopEngineProcess(e)));
    await agent.close();
    await upstream?.close();
    if (redis) {
      for (const c of consumers) {
        const keys = await redis.keys(`${DEFAULT_REDIS_LIMIT_PREFIX}{${c}}:*`);
        if (keys.length) await redis.del(...keys);
      }
      redis.disconnect();
    }
    await pool?.end();
  });

  it(`a shared ${LIMIT}-per-minute plan under concurrent load through all three admits exactly ${LIMIT}; the 429s are problem+json with RateLimit headers and Retry-After`, async () => {
    for (let attempt = 1; ; attempt++) {
      const { consumerId } = await seedConsumer(pool, { plan: { perMinute: LIMIT } });
      consumers.push(consumerId);
      const { secret } = await issueKey(pool, consumerId, "dev", [apiVersionId]);
      // Each gateway learns of the new consumer and key (NOTIFY or its 500 ms refresh); the one call
      // per gateway that gets through is admitted and counted.
      const warmStart = await storeNow();
      for (const port of ports) {
        for (let i = 0; (await call(port, secret)).status === 401; i++) {
          if (i > 100) throw new Error(`the gateway on ${port} never learnt the key`);
          await sleep(100);
        }
      }
      const warmEnd = await storeNow();
      if (Math.floor(warmStart / 60_000) !== Math.floor(warmEnd / 60_000)) continue;
      let warmups = ports.length;
      const into = warmEnd % 60_000;
      if (into > 40_000) {
        // Too near the window's end: run in the next minute, where the warm-ups did not count.
        await sleep(60_000 - into + 300);
        warmups = 0;
      }
      const seenBefore = upstream.received.length;
      // Fresh connections for the run: none left idle across the wait for a server to time out under us.
      await agent.close();
      agent = new Agent({ connections: 64 });
      const before = await storeNow();
      const perGateway = 600;
      const replies = (
        await Promise.all(
          ports.map(async (port) => {
            const out: TReply[] = [];
            let sent = 0;
            await Promise.all(
              Array.from({ length: 16 }, async () => {
                while (sent++ < perGateway) out.push(await call(port, secret));
              }),
            );
            return out;
          }),
        )
      ).flat();
      const after = await storeNow();
      if (Math.floor(before / 60_000) !== Math.floor(after / 60_000)) {
        if (attempt < 3) continue;
        throw new Error("three runs in a row straddled a minute boundary");
      }

      const ok = replies.filter((r) => r.status === 200);
      const refused = replies.filter((r) => r.status === 429);
      const statuses: Record<number, number> = {};
      for (const r of replies) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      const others = replies.filter((r) => r.status !== 200 && r.status !== 429);
      expect(others.slice(0, 3).map((r) => `${r.status} ${r.body}`)).toEqual([]);
      expect(statuses).toEqual({ 200: LIMIT - warmups, 429: ports.length * perGateway - (LIMIT - warmups) });
      expect(await storeCount(consumerId, Math.floor(before / 60_000) * 60_000)).toBe(LIMIT);
      expect(ok.length + warmups).toBe(LIMIT);
      expect(refused.length).toBe(ports.length * perGateway - (LIMIT - warmups));
      expect(replies.length).toBe(ok.length + refused.length);
      // The upstream saw exactly the admitted ones.
      expect(upstream.received.length - seenBefore).toBe(ok.length);

      for (const r of [refused[0], refused.at(-1)!]) {
        expect(r.headers["content-type"]).toBe("application/problem+json");
        const problem = JSON.parse(r.body) as { type: string; status: number };
        expect(problem).toMatchObject({ type: errorTypeUri("RATE_LIMITED"), status: 429 });
        expect(r.headers["ratelimit-policy"]).toBe(`"minute";q=${LIMIT};w=60`);
        const m = /^"minute";r=0;t=(\d+)$/.exec(r.headers["ratelimit"]);
        expect(m).not.toBeNull();
        expect(Number(m![1])).toBeGreaterThan(0);
        expect(Number(m![1])).toBeLessThanOrEqual(60);
        expect(r.headers["retry-after"]).toBe(m![1]);
      }
      const lastOk = ok.at(-1)!;
      expect(lastOk.headers["ratelimit-policy"]).toBe(`"minute";q=${LIMIT};w=60`);
      expect(lastOk.headers["ratelimit"]).toMatch(/^"minute";r=\d+;t=\d+$/);
      expect(lastOk.headers["retry-after"]).toBeUndefined();
      const remainings = ok.map((r) => Number(/r=(\d+)/.exec(r.headers["ratelimit"])![1]));
      // Every remaining count from 0 to LIMIT − warmups − 1 was handed out exactly once, across the gateways.
      expect(new Set(remainings).size).toBe(ok.length);
      expect(Math.min(...remainings)).toBe(0);
      return;
    }
  }, 240_000);
});
