import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import type { TFlowSpecInput } from "@/lib/validation/flow-spec";
import { setDesiredState } from "@/lib/engine/runtime/deploy";
import type { TEngine } from "@/lib/engine/runtime/engine";
import {
  bootEngine,
  deployRunning,
  startHttpTarget,
  stopEngineSuite,
  uniq,
  waitFor,
} from "@/lib/engine/runtime/test-harness";

const dbUrl = useTestDatabase();
const PORTAL = "https://portal.example.com/sb";

describe("gateway errors are problem+json", () => {
  let engine: TEngine;
  let pool: pg.Pool;
  let target: Awaited<ReturnType<typeof startHttpTarget>>;
  const base = () => `http://127.0.0.1:${engine.port}`;

  async function deploy(prefix: string, spec: Omit<TFlowSpecInput, "name">) {
    const flowName = uniq(prefix);
    return { ...(await deployRunning(pool, flowName, spec)), flowName };
  }

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${base()}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

  async function problemOf(res: Response) {
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.status).toBe(res.status);
    expect(body.requestId).toBe(res.headers.get("x-request-id"));
    return body;
  }

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 3);
    engine = await bootEngine(dbUrl(), "postgres", { publicBaseUrl: PORTAL });
    target = await startHttpTarget();
  });

  afterAll(async () => {
    await stopEngineSuite(engine, pool, []);
    await target.close();
    await pool.end();
  });

  it("answers an unknown route and an unknown run with NOT_FOUND, typed at the portal's page", async () => {
    const res = await fetch(`${base()}/nowhere`, { headers: { "x-request-id": "partner-req-1" } });
    expect(res.status).toBe(404);
    expect(res.headers.get("x-request-id")).toBe("partner-req-1");
    expect(await problemOf(res)).toMatchObject({
      type: `${PORTAL}/errors/not-found`,
      title: "Not found",
      code: "NOT_FOUND",
      instance: "/nowhere",
      requestId: "partner-req-1",
    });
    const run = await fetch(`${base()}/runs/no-such-message`);
    expect(run.status).toBe(404);
    expect(await problemOf(run)).toMatchObject({
      code: "NOT_FOUND",
      detail: expect.stringContaining("no-such-message"),
    });
  });

  it("maps method, body and size errors to their codes", async () => {
    const f = await deploy("gw-errors", {
      input: { use: "http", config: { path: "/gw-errors", responseTimeoutMs: 5_000, maxBytes: 1024 } },
      outputs: [{ id: "target", use: "http", config: { url: target.url } }],
    });
    const get = await fetch(`${base()}/flows/${f.flowName}/dev`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect(await problemOf(get)).toMatchObject({
      code: "METHOD_NOT_ALLOWED",
      type: `${PORTAL}/errors/method-not-allowed`,
    });

    const bad = await post(`/flows/${f.flowName}/dev`, "{not json");
    expect(bad.status).toBe(400);
    expect(await problemOf(bad)).toMatchObject({
      code: "BAD_REQUEST",
      detail: expect.stringMatching(/not valid JSON/),
    });

    const big = await post(`/flows/${f.flowName}/dev`, JSON.stringify({ pad: "x".repeat(2048) }));
    expect(big.status).toBe(413);
    expect(await problemOf(big)).toMatchObject({ code: "PAYLOAD_TOO_LARGE", limitBytes: 1024 });
  });

  it("tells a permanent rejection (with the reason) from a failing target (without its internals)", async () => {
    const strict = await deploy("gw-reject", {
      input: { use: "http", config: { path: "/gw-reject", responseTimeoutMs: 5_000 } },
      steps: [
        {
          id: "validate",
          use: "validate_json_schema",
          config: { schema: { type: "object", required: ["orderId"], properties: { orderId: { type: "string" } } } },
        },
      ],
      outputs: [{ id: "target", use: "http", config: { url: target.url } }],
    });
    const rejected = await post(`/flows/${strict.flowName}/dev`, JSON.stringify({ qty: 1 }));
    expect(rejected.status).toBe(422);
    const rejection = await problemOf(rejected);
    expect(rejection).toMatchObject({
      code: "MESSAGE_REJECTED",
      type: `${PORTAL}/errors/message-rejected`,
      failedStep: "validate",
      detail: expect.stringContaining("orderId"),
    });
    expect(rejection.runStatus).toMatch(/failed|dead_lettered/);

    target.state.failing = true;
    try {
      const flaky = await deploy("gw-flaky", {
        input: { use: "http", config: { path: "/gw-flaky", responseTimeoutMs: 5_000 } },
        outputs: [{ id: "target", use: "http", config: { url: target.url } }],
        policy: {
          retry: { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 10, multiplier: 2 },
          circuitBreaker: { consecutiveFailures: 1000, halfOpenAfterMs: 100 },
        },
      });
      const failed = await post(`/flows/${flaky.flowName}/dev`, JSON.stringify({ orderId: "A-1" }));
      expect(failed.status).toBe(502);
      const problem = await problemOf(failed);
      expect(problem).toMatchObject({ code: "BAD_GATEWAY", failedStep: "target", title: "A target system failed" });
      expect(JSON.stringify(problem)).not.toMatch(/127\.0\.0\.1|503|down/);
    } finally {
      target.state.failing = false;
    }
  });

  it("answers a paused flow with SERVICE_UNAVAILABLE and Retry-After", async () => {
    const f = await deploy("gw-paused", {
      input: { use: "http", config: { path: "/gw-paused", responseTimeoutMs: 0 } },
      outputs: [{ id: "target", use: "http", config: { url: target.url } }],
    });
    await setDesiredState(pool, f.deploymentId, "paused");
    await waitFor(
      async () =>
        (await pool.query(`SELECT 1 FROM "Deployment" WHERE "id" = $1 AND "actualState" = 'paused'`, [f.deploymentId]))
          .rowCount,
      "paused",
    );
    const res = await post(`/flows/${f.flowName}/dev`, "{}");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(await problemOf(res)).toMatchObject({ code: "SERVICE_UNAVAILABLE", retryAfter: 30 });
  });

  it("serves the catalogue entry a problem type names", async () => {
    const res = await fetch(`${base()}/errors/rate-limited`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      code: "RATE_LIMITED",
      status: 429,
      retry: "retry-after",
      type: `${PORTAL}/errors/rate-limited`,
    });
    const all = (await (await fetch(`${base()}/errors`)).json()) as { errors: { code: string }[] };
    expect(all.errors.map((e) => e.code)).toContain("BAD_GATEWAY");
    expect((await fetch(`${base()}/errors/no-such-code`)).status).toBe(404);
  });
});
