import http from "node:http";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import type { TEngine } from "@/lib/engine/runtime/engine";
import {
  bootEngine,
  deployRunning,
  startHttpTarget,
  stopEngineSuite,
  uniq,
  waitFor,
} from "@/lib/engine/runtime/test-harness";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { issueKey, seedApi, seedConsumer, startEchoUpstream, type TEchoRequest } from "./test-harness";

const dbUrl = useTestDatabase();

const openapi = (paths: Record<string, unknown>) => ({
  openapi: "3.0.3",
  info: { title: "t", version: "1.0.0" },
  paths,
});
const anyOp = { responses: { "200": { description: "ok" } } };

type TLine = Record<string, unknown>;

function rawRequest(
  url: string,
  o: { method: string; headers: Record<string, string>; body: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: o.method, headers: o.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    req.on("error", reject);
    req.end(o.body);
  });
}

describe("API gateway backends: http upstream, flow, 202 operations, access log and analytics", () => {
  let engine: TEngine;
  let pool: pg.Pool;
  let upstream: Awaited<ReturnType<typeof startEchoUpstream>>;
  let target: Awaited<ReturnType<typeof startHttpTarget>>;
  let consumer: Awaited<ReturnType<typeof seedConsumer>>;
  const lines: TLine[] = [];
  const log = {
    debug() {},
    info(obj: object, msg?: string) {
      if (msg === "api request") lines.push(obj as TLine);
    },
    warn() {},
    error() {},
  };
  const base = () => `http://127.0.0.1:${engine.apiPort}`;
  const keys: Record<string, string> = {};
  const versions: Record<string, string> = {};

  async function api(product: string, doc: Parameters<typeof seedApi>[1]["document"]) {
    const a = await seedApi(pool, { product, document: doc });
    versions[product] = a.apiVersionId;
    keys[product] = (await issueKey(pool, consumer.consumerId, "dev", [a.apiVersionId])).secret;
    return a;
  }

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 3);
    upstream = await startEchoUpstream();
    target = await startHttpTarget();
    engine = await bootEngine(dbUrl(), "postgres", {
      log,
      apiGatewayPort: 0,
      apiRefreshMs: 60_000,
      apiAnalyticsFlushMs: 60_000,
      apiBackendTimeoutMs: 1_500,
    });
    consumer = await seedConsumer(pool);
    await api("echo", {
      openapi: openapi({
        "/items/{id}": { get: anyOp, post: anyOp },
        "/slow": { get: anyOp },
      }),
      backend: { kind: "http", url: `${upstream.url}/base` },
      syncTimeoutMs: 5_000,
    });
    await api("async", {
      openapi: openapi({ "/jobs": { post: anyOp } }),
      backend: { kind: "http", url: upstream.url },
      syncTimeoutMs: 300,
    });
    await api("down", {
      openapi: openapi({ "/x": { get: anyOp } }),
      backend: { kind: "http", url: "http://127.0.0.1:1" },
    });
    await engine.api!.routes.refresh();
  });

  afterAll(async () => {
    await stopEngineSuite(engine, pool, []);
    await upstream.close();
    await target.close();
    await pool.end();
  });

  it("proxies to the base URL + rest + query, passing the request id and the trace with a new span, never the key", async () => {
    upstream.received.length = 0;
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    // node:http, since fetch refuses to send a Connection header.
    const res = await rawRequest(`${base()}/echo/v1/items/42?expand=lines&x=1`, {
      method: "POST",
      headers: {
        "x-api-key": keys.echo,
        "x-request-id": "partner-req-9",
        traceparent,
        "content-type": "application/json",
        "x-custom": "kept",
        connection: "keep-alive, x-drop-me",
        "x-drop-me": "hop-by-hop",
      },
      body: JSON.stringify({ a: 1 }),
    });
    expect(res.status).toBe(200);
    expect(res.headers["x-request-id"]).toBe("partner-req-9");
    expect(res.headers["x-upstream"]).toBe("echo");
    const seen = JSON.parse(res.body) as TEchoRequest;
    expect(seen.method).toBe("POST");
    expect(seen.url).toBe("/base/items/42?expand=lines&x=1");
    expect(seen.body).toBe('{"a":1}');
    expect(seen.headers["x-request-id"]).toBe("partner-req-9");
    expect(seen.headers.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(seen.headers.traceparent).not.toBe(traceparent);
    expect(seen.headers["x-custom"]).toBe("kept");
    expect(seen.headers["x-drop-me"]).toBeUndefined();
    expect(seen.headers["x-api-key"]).toBeUndefined();
    expect(JSON.stringify(seen.headers)).not.toContain(keys.echo);
    expect(seen.headers["x-sb-consumer"]).toBe(consumer.consumerKey);

    // No id or trace given: both are made, and the id is echoed.
    const made = await fetch(`${base()}/echo/v1/items/1`, { headers: { "x-api-key": keys.echo } });
    const madeSeen = (await made.json()) as TEchoRequest;
    expect(madeSeen.headers["x-request-id"]).toBe(made.headers.get("x-request-id"));
    expect(madeSeen.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it("answers 504 when the upstream is too slow and 502 when it cannot be reached, without its address", async () => {
    upstream.state.delayMs = 2_500;
    try {
      const slow = await fetch(`${base()}/echo/v1/slow`, { headers: { "x-api-key": keys.echo } });
      expect(slow.status).toBe(504);
      const p = (await slow.json()) as Record<string, unknown>;
      expect(p).toMatchObject({ code: "GATEWAY_TIMEOUT", type: "/errors/gateway-timeout" });
    } finally {
      upstream.state.delayMs = 0;
    }
    const down = await fetch(`${base()}/down/v1/x`, { headers: { "x-api-key": keys.down } });
    expect(down.status).toBe(502);
    expect(down.headers.get("content-type")).toBe("application/problem+json");
    const body = await down.text();
    expect(body).toContain('"code":"BAD_GATEWAY"');
    expect(body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
  });

  it("runs a flow backend in the caller's environment and answers with its result", async () => {
    const flowName = uniq("api-flow");
    await deployRunning(pool, flowName, {
      input: { use: "http", config: { path: `/${flowName}`, responseTimeoutMs: 5_000 } },
      outputs: [{ id: "target", use: "http", config: { url: target.url } }],
    });
    await api("flowapi", {
      openapi: openapi({
        "/orders": {
          post: {
            requestBody: {
              required: true,
              content: {
                "application/json": {
                  schema: { type: "object", required: ["orderId"], properties: { orderId: { type: "string" } } },
                },
              },
            },
            responses: { "200": { description: "ok" } },
          },
        },
      }),
      backend: { kind: "flow", flow: flowName },
    });
    await engine.api!.routes.refresh();
    const res = await fetch(`${base()}/flowapi/v1/orders`, {
      method: "POST",
      headers: { "x-api-key": keys.flowapi, "content-type": "application/json" },
      body: JSON.stringify({ orderId: "A-1" }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-run-id")).toBeTruthy();
    expect(await res.json()).toEqual({ orderId: "A-1" });
    expect(target.received.at(-1)?.body).toBe('{"orderId":"A-1"}');
    // The contract is checked before the flow runs.
    const before = target.received.length;
    const bad = await fetch(`${base()}/flowapi/v1/orders`, {
      method: "POST",
      headers: { "x-api-key": keys.flowapi, "content-type": "application/json" },
      body: JSON.stringify({ orderId: 7 }),
    });
    expect(bad.status).toBe(400);
    expect(target.received.length).toBe(before);
  });

  it("answers 202 with a status resource when asked (Prefer: respond-async) or past syncTimeoutMs", async () => {
    upstream.state.delayMs = 800;
    try {
      for (const prefer of ["respond-async", undefined]) {
        const res = await fetch(`${base()}/async/v1/jobs`, {
          method: "POST",
          headers: { "x-api-key": keys.async, ...(prefer ? { prefer } : {}) },
        });
        expect(res.status).toBe(202);
        expect(res.headers.get("preference-applied")).toBe(prefer ?? null);
        const location = res.headers.get("location")!;
        expect(location).toMatch(/^\/_operations\/[A-Za-z0-9_-]+$/);
        expect(await res.json()).toMatchObject({ status: "running", operation: "POST /jobs", location });

        const other = await seedConsumer(pool);
        const otherKey = (await issueKey(pool, other.consumerId, "dev", [versions.async])).secret;
        await engine.api!.routes.refresh();
        const foreign = await fetch(`${base()}${location}`, { headers: { "x-api-key": otherKey } });
        expect(foreign.status).toBe(404);
        const anonymous = await fetch(`${base()}${location}`);
        expect(anonymous.status).toBe(401);

        const done = await waitFor(async () => {
          const s = (await (await fetch(`${base()}${location}`, { headers: { "x-api-key": keys.async } })).json()) as {
            status: string;
            httpStatus?: number;
            result?: { url?: string };
          };
          return s.status === "succeeded" ? s : null;
        }, "operation succeeded");
        expect(done.httpStatus).toBe(200);
        expect(done.result?.url).toBe("/jobs");
      }
    } finally {
      upstream.state.delayMs = 0;
    }
  });

  it("writes one access line per request, with the key's prefix only, and counts calls per operation", async () => {
    lines.length = 0;
    const res = await fetch(`${base()}/echo/v1/items/5`, {
      headers: { "x-api-key": keys.echo, "x-request-id": "log-1" },
    });
    expect(res.status).toBe(200);
    await fetch(`${base()}/echo/v1/items/5`, { method: "DELETE", headers: { "x-api-key": keys.echo } });
    await waitFor(() => lines.length >= 2, "access lines");
    const line = lines.find((l) => l.requestId === "log-1")!;
    expect(line).toMatchObject({
      method: "GET",
      path: "/echo/v1/items/5",
      api: "echo",
      version: 1,
      operation: "GET /items/{id}",
      env: "dev",
      consumer: consumer.consumerKey,
      keyPrefix: keys.echo.slice(0, "sb_dev_".length + 8),
      status: 200,
    });
    expect(line.latencyMs).toEqual(expect.any(Number));
    expect(line.bytes).toEqual(expect.any(Number));
    expect(String(line.traceId)).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(lines)).not.toContain(keys.echo);

    await engine.api!.analytics.flush();
    const rows = await pool.query<{ operation: string; calls: number; clientErrors: number }>(
      `SELECT "operation", sum("calls")::int AS "calls", sum("clientErrors")::int AS "clientErrors"
       FROM "ApiCallMinute" WHERE "apiVersionId" = $1 AND "consumerId" = $2 GROUP BY "operation" ORDER BY "operation"`,
      [versions.echo, consumer.consumerId],
    );
    const byOp = Object.fromEntries(rows.rows.map((r) => [r.operation, r]));
    expect(byOp["GET /items/{id}"].calls).toBeGreaterThanOrEqual(1);
    expect(byOp["(unmatched)"]).toMatchObject({ clientErrors: 1 });
  });
});
