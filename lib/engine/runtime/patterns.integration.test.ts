import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import type { TFlowSpecInput } from "@/lib/validation/flow-spec";
import type { TEngine } from "./engine";
import { deployFlowDirect, setDesiredState } from "./deploy";
import { requestReplay } from "./replay";
import { bootEngine, deployRunning, startHttpTarget, stopEngineSuite, uniq, waitFor } from "./test-harness";

const dbUrl = useTestDatabase();
const print = (level: string) => (o: object, m?: string) => console.log(level, m, JSON.stringify(o));
const log = process.env.SB_ENGINE_TEST_LOG
  ? { debug() {}, info: print("info"), warn: print("warn"), error: print("error") }
  : undefined;

const fastRetry = { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20, multiplier: 2 };
const noBreaker = { consecutiveFailures: 1000, halfOpenAfterMs: 100 };

describe.each(["postgres", "rabbitmq"] as const)("engine patterns on %s", (kind) => {
  let engine: TEngine;
  let pool: pg.Pool;
  let target: Awaited<ReturnType<typeof startHttpTarget>>;
  const queues: string[] = [];
  const queue = (p: string) => {
    const name = uniq(`sb-test.${p}`);
    queues.push(name);
    return name;
  };
  const base = () => `http://127.0.0.1:${engine.port}`;

  async function deploy(prefix: string, spec: Omit<TFlowSpecInput, "name">, environmentKey = "dev") {
    const flowName = uniq(prefix);
    queues.push(`sb.flow.${flowName}.${environmentKey}`);
    return { ...(await deployRunning(pool, flowName, spec, environmentKey)), flowName };
  }

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base()}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 3);
    engine = await bootEngine(dbUrl(), kind, log ? { log } : {});
    target = await startHttpTarget();
  });

  afterAll(async () => {
    await stopEngineSuite(engine, pool, queues);
    await target.close();
    await pool.end();
  });

  it("request-response: answers with the flow's result, or 202 + a status URL past the timeout", async () => {
    const out = queue("rr-out");
    const f = await deploy("rr", {
      input: { use: "http", config: { path: `/rr-${kind}`, responseTimeoutMs: 5_000 } },
      steps: [
        { id: "map", use: "transform_jsonata", config: { expression: "{ 'orderId': id, 'total': qty * price }" } },
      ],
      outputs: [{ id: "out", use: "queue", config: { queue: out } }],
    });
    const res = await post(
      `/flows/${f.flowName}/dev`,
      { id: "A-1", qty: 3, price: 2.5 },
      { "x-correlation-id": "corr-rr" },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ orderId: "A-1", total: 7.5 });
    expect(res.headers.get("x-correlation-id")).toBe("corr-rr");
    const byPath = await post(`/api/dev/rr-${kind}`, { id: "A-2", qty: 1, price: 1 });
    expect(await byPath.json()).toEqual({ orderId: "A-2", total: 1 });
    expect(await engine.transport.depth(out)).toBe(2);

    const tooBig = await post(`/flows/${f.flowName}/dev`, { pad: "x".repeat(70 * 1024) });
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).detail).toMatch(/limit/);
    expect((await post(`/flows/${f.flowName}/dev`, "{not json")).status).toBe(400);
    expect((await post(`/flows/nope-${kind}/dev`, {})).status).toBe(404);

    target.state.delayMs = 800;
    const slow = await deploy("rr-slow", {
      input: { use: "http", config: { path: `/slow-${kind}`, responseTimeoutMs: 100 } },
      outputs: [{ id: "target", use: "http", config: { url: target.url } }],
    });
    const late = await post(`/flows/${slow.flowName}/dev`, { slow: true });
    target.state.delayMs = 0;
    expect(late.status).toBe(202);
    const { statusUrl } = (await late.json()) as { statusUrl: string };
    expect(late.headers.get("location")).toBe(statusUrl);
    const final = await waitFor(async () => {
      const r = await fetch(`${base()}${statusUrl}`);
      const body = (await r.json()) as { status: string; result?: unknown };
      return body.status === "succeeded" ? body : null;
    }, "the late run to finish");
    expect(final.result).toEqual({ slow: true });

    const runs = await pool.query(
      `SELECT "status", "correlationId", json_array_length("steps") AS steps FROM "MessageRun" WHERE "flowId" = $1`,
      [f.flowId],
    );
    expect(runs.rows).toContainEqual({ status: "succeeded", correlationId: "corr-rr", steps: 2 });
  });

  it("fire-and-forget: 202 at once, the run completes from the deployment's queue", async () => {
    const out = queue("ff-out");
    const f = await deploy("ff", {
      input: { use: "http", config: { path: `/ff-${kind}`, responseTimeoutMs: 0 } },
      outputs: [{ id: "out", use: "queue", config: { queue: out } }],
    });
    const res = await post(`/flows/${f.flowName}/dev`, { hello: "world" });
    expect(res.status).toBe(202);
    const { statusUrl } = (await res.json()) as { statusUrl: string };
    await waitFor(
      async () => ((await (await fetch(`${base()}${statusUrl}`)).json()) as { status: string }).status === "succeeded",
      "run succeeded",
    );
    expect(await engine.transport.depth(out)).toBe(1);
  });

  it("publish-subscribe: every subscriber flow gets each message published to the topic", async () => {
    const topic = uniq("orders");
    const [outA, outB] = [queue("sub-a-out"), queue("sub-b-out")];
    const [inA, inB] = [queue("sub-a-in"), queue("sub-b-in")];
    await deploy("sub-a", {
      input: { use: "queue", config: { queue: inA, topic } },
      outputs: [{ id: "out", use: "queue", config: { queue: outA } }],
    });
    await deploy("sub-b", {
      input: { use: "queue", config: { queue: inB, topic } },
      steps: [{ id: "tag", use: "transform_jsonata", config: { expression: "$merge([$, { 'seenBy': 'b' }])" } }],
      outputs: [{ id: "out", use: "queue", config: { queue: outB } }],
    });
    const pub = await deploy("pub", {
      input: { use: "http", config: { path: `/pub-${kind}`, responseTimeoutMs: 5_000 } },
      outputs: [{ id: "topic", use: "queue", config: { topic } }],
    });
    for (let i = 0; i < 4; i++) expect((await post(`/flows/${pub.flowName}/dev`, { i })).status).toBe(200);
    await waitFor(
      async () => (await engine.transport.depth(outA)) === 4 && (await engine.transport.depth(outB)) === 4,
      "4 messages on each subscriber's output",
    );
  });

  it("polling: a poll_sql input picks up new rows past its watermark", async () => {
    const table = `poll_src_${kind}`;
    await pool.query(`CREATE TABLE "${table}" (id serial PRIMARY KEY, note text NOT NULL)`);
    await pool.query(`INSERT INTO "${table}" (note) VALUES ('a'), ('b'), ('c')`);
    const out = queue("poll-out");
    await deploy("poll", {
      input: {
        use: "poll_sql",
        config: {
          query: `SELECT id, note FROM "${table}" WHERE id > $1::int ORDER BY id LIMIT $2`,
          watermarkColumn: "id",
          initialWatermark: 0,
          intervalMs: 1_000,
        },
      },
      outputs: [{ id: "out", use: "queue", config: { queue: out } }],
    });
    await waitFor(async () => (await engine.transport.depth(out)) >= 3, "first poll");
    await pool.query(`INSERT INTO "${table}" (note) VALUES ('d'), ('e')`);
    await waitFor(
      async () => (await engine.transport.depth(out)) === 5,
      "second poll picks up only the new rows",
      10_000,
    );
    await new Promise((r) => setTimeout(r, 1_200));
    expect(await engine.transport.depth(out)).toBe(5);
  });

  it("retry → dead letter channel (original message, attempt history, alert) → replay after the fix", async () => {
    // Its own target: circuit breakers are per endpoint and shared by every flow in the engine.
    const target = await startHttpTarget();
    afterAll(() => target.close());
    target.state.failing = true;
    const before = target.received.length;
    const f = await deploy("dlq", {
      input: { use: "http", config: { path: `/dlq-${kind}`, responseTimeoutMs: 0 } },
      steps: [{ id: "shape", use: "transform_jsonata", config: { expression: "{ 'ref': ref, 'shaped': true }" } }],
      outputs: [{ id: "target", use: "http", config: { url: target.url } }],
      policy: { retry: fastRetry, circuitBreaker: noBreaker },
    });
    for (let i = 0; i < 3; i++) expect((await post(`/flows/${f.flowName}/dev`, { ref: `r-${i}` })).status).toBe(202);
    const dead = await waitFor(async () => {
      const r = await pool.query(`SELECT * FROM "DeadLetter" WHERE "flowId" = $1 ORDER BY "createdAt"`, [f.flowId]);
      return r.rows.length === 3 ? r.rows : null;
    }, "3 dead letters");
    expect(dead[0]).toMatchObject({
      failedStep: "target",
      status: "pending",
      errorKind: "transient",
      contentEncoding: "json",
    });
    expect(JSON.parse(dead[0].originalBody as string)).toHaveProperty("ref"); // the original, not the shaped message
    expect(JSON.parse(dead[0].originalBody as string)).not.toHaveProperty("shaped");
    expect(dead[0].attemptHistory).toHaveLength(3);
    expect(dead[0].error).toMatch(/503/);
    const alert = await waitFor(
      async () =>
        (await pool.query(`SELECT * FROM "Alert" WHERE "flowId" = $1 AND "kind" = 'dlq_growth'`, [f.flowId])).rows[0],
      "dlq alert",
    );
    expect(alert).toMatchObject({ status: "open", severity: "warning" });
    // Lineage is written off the message's path (batched, up to 50 ms later): wait for it.
    const deadRuns = async () =>
      (
        await pool.query(
          `SELECT count(*)::int AS n FROM "MessageRun" WHERE "flowId" = $1 AND "status" = 'dead_lettered'`,
          [f.flowId],
        )
      ).rows[0].n as number;
    await waitFor(async () => (await deadRuns()) >= 3, "3 dead-lettered runs in lineage");
    expect(await deadRuns()).toBe(3);

    target.state.failing = false;
    const marked = await requestReplay(pool, {
      deadLetterIds: dead.map((d) => d.id as string),
      requestedBy: "test@switchboard",
    });
    expect(marked).toBe(3);
    await waitFor(() => target.received.length - before === 3, "replayed messages delivered");
    expect(target.received.slice(before).map((r) => JSON.parse(r.body))).toEqual(
      expect.arrayContaining([
        { ref: "r-0", shaped: true },
        { ref: "r-1", shaped: true },
        { ref: "r-2", shaped: true },
      ]),
    );
    // Each replay is marked right after its message is handed over, so the run may finish first.
    await waitFor(async () => {
      const after = await pool.query(`SELECT "status", "replayMessageId" FROM "DeadLetter" WHERE "flowId" = $1`, [
        f.flowId,
      ]);
      return after.rows.every((r) => r.status === "replayed" && r.replayMessageId);
    }, "dead letters marked replayed");
    await waitFor(
      async () =>
        (await pool.query(`SELECT "status" FROM "Alert" WHERE "id" = $1`, [alert.id])).rows[0].status === "resolved",
      "alert resolved once drained",
    );
  });
});

describe("deployment lifecycle (postgres)", () => {
  let engine: TEngine;
  let pool: pg.Pool;

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 3);
    engine = await bootEngine(dbUrl(), "postgres");
  });
  afterAll(async () => {
    await engine.stop();
    await pool.end();
  });

  const state = async (id: string) =>
    (await pool.query(`SELECT "actualState", "actualError" FROM "Deployment" WHERE "id" = $1`, [id])).rows[0] as {
      actualState: string;
      actualError: string | null;
    };

  it("pauses (queue buffers, gateway 503), resumes and stops without a restart", async () => {
    const flowName = uniq("life");
    const out = uniq("sb-test.life-out");
    const d = await deployFlowDirect(pool, {
      flowName,
      environmentKey: "test",
      deployedBy: "test",
      spec: {
        name: flowName,
        input: { use: "http", config: { path: "/life", responseTimeoutMs: 0 } },
        outputs: [{ id: "out", use: "queue", config: { queue: out } }],
      },
    });
    await waitFor(async () => (await state(d.deploymentId)).actualState === "running", "running");
    const send = () =>
      fetch(`http://127.0.0.1:${engine.port}/flows/${flowName}/test`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
    expect((await send()).status).toBe(202);
    await waitFor(async () => (await engine.transport.depth(out)) === 1, "delivered");

    await setDesiredState(pool, d.deploymentId, "paused");
    await waitFor(async () => (await state(d.deploymentId)).actualState === "paused", "paused");
    expect((await send()).status).toBe(503);
    await engine.transport.publish(
      `sb.flow.${flowName}.test`,
      (await import("@/lib/engine/core/message")).createMessage({ body: { buffered: true } }),
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await engine.transport.depth(`sb.flow.${flowName}.test`)).toBe(1);

    await setDesiredState(pool, d.deploymentId, "running");
    await waitFor(async () => (await engine.transport.depth(out)) === 2, "buffered message processed after resume");

    await setDesiredState(pool, d.deploymentId, "stopped");
    await waitFor(async () => (await state(d.deploymentId)).actualState === "stopped", "stopped");
    expect((await send()).status).toBe(404);
    await engine.transport.deleteQueue(out);
  });

  it("refuses to run a version whose stored spec no longer matches its hash", async () => {
    // In test: the hash check holds in every environment (prod would refuse it earlier, for want of a change).
    const flowName = uniq("tamper");
    const d = await deployFlowDirect(pool, {
      flowName,
      environmentKey: "test",
      deployedBy: "test",
      desiredState: "paused",
      spec: {
        name: flowName,
        input: { use: "http", config: { path: "/tamper" } },
        outputs: [{ id: "out", use: "queue", config: { queue: "sb-test.tamper" } }],
      },
    });
    await waitFor(async () => (await state(d.deploymentId)).actualState === "paused", "paused");
    await pool.query(
      `UPDATE "FlowVersion" SET "spec" = jsonb_set("spec", '{outputs,0,config,queue}', '"sb-test.elsewhere"') WHERE "id" = $1`,
      [d.flowVersionId],
    );
    await setDesiredState(pool, d.deploymentId, "stopped");
    await waitFor(async () => (await state(d.deploymentId)).actualState === "stopped", "stopped");
    await setDesiredState(pool, d.deploymentId, "running");
    const refused = await waitFor(
      async () => ((await state(d.deploymentId)).actualState === "refused" ? state(d.deploymentId) : null),
      "refused",
    );
    expect(refused.actualError).toMatch(/modified after it was saved/);
    expect(engine.runtime.findWorker(flowName, "test")).toBeUndefined();
  });
});
