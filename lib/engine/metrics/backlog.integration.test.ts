import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import type { Actor } from "@/lib/auth/actor";
import { createMessage } from "@/lib/engine/core/message";
import { deployFlowDirect, setDesiredState } from "@/lib/engine/runtime/deploy";
import type { TEngine } from "@/lib/engine/runtime/engine";
import { bootEngine, stopEngineSuite, uniq, waitFor, waitForDeployment } from "@/lib/engine/runtime/test-harness";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { flowBacklog, flowMetrics } from "@/lib/services/flows";

const dbUrl = useTestDatabase();
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };

type TDepthRow = {
  queue: string;
  transport: string;
  depth: number;
  flowId: string;
  environmentId: string;
  measuredAt: Date;
};

// A paused deployment lets its queues fill (the "for a load spike, the queue buffers"): the
// engine must measure that backlog on whichever transport it runs and roll it up into Postgres, where
// the portal reads it. RabbitMQ queues live only in the broker, so this is the portal's only view of them.
describe.each(["postgres", "rabbitmq"] as const)("queue backlog measured on %s", (kind) => {
  let engine: TEngine;
  let pool: pg.Pool;
  const queues: string[] = [];

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 3);
    engine = await bootEngine(dbUrl(), kind, { metricsFlushMs: 300 });
  });

  afterAll(async () => {
    await stopEngineSuite(engine, pool, queues);
    await pool.end();
  });

  const depthRows = async (flowId: string) =>
    (
      await pool.query<TDepthRow>(
        `SELECT "queue", "transport"::text AS "transport", "depth", "flowId", "environmentId", "measuredAt" FROM "QueueDepth" WHERE "flowId" = $1 ORDER BY "queue"`,
        [flowId],
      )
    ).rows;

  it("stores the depth of a paused deployment's input and direct queues, per environment, and rolls the total into MetricMinute", async () => {
    const flowName = uniq(`backlog-${kind}`);
    const input = uniq(`sb-test.backlog-in-${kind}`);
    const sink = uniq(`sb-test.backlog-out-${kind}`);
    const direct = `sb.flow.${flowName}.dev`;
    queues.push(input, sink, direct);
    const d = await deployFlowDirect(pool, {
      flowName,
      environmentKey: "dev",
      deployedBy: "test",
      desiredState: "paused",
      spec: {
        name: flowName,
        input: { use: "queue", config: { queue: input } },
        outputs: [{ id: "sink", use: "queue", config: { queue: sink } }],
      },
    });
    await waitForDeployment(pool, d.deploymentId, "paused", flowName);

    const N = 7;
    for (let i = 0; i < N; i++) await engine.transport.publish(input, createMessage({ body: { n: i } }));
    for (let i = 0; i < 2; i++) await engine.transport.publish(direct, createMessage({ body: { replay: i } }));

    const rows = await waitFor(async () => {
      const r = await depthRows(d.flowId);
      return r.find((x) => x.queue === input)?.depth === N && r.find((x) => x.queue === direct)?.depth === 2 ? r : null;
    }, `QueueDepth to show ${N} on ${input} and 2 on ${direct}`);
    expect(rows.map((r) => [r.queue, r.transport, r.depth, r.environmentId])).toEqual(
      [
        [input, kind, N, d.environmentId],
        [direct, kind, 2, d.environmentId],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    // measuredAt is the database clock in UTC, so the portal can say how old a reading is.
    const dbNow = (await pool.query<{ now: Date }>(`SELECT (now() AT TIME ZONE 'UTC') AS now`)).rows[0].now;
    for (const r of rows) expect(Math.abs(dbNow.getTime() - r.measuredAt.getTime())).toBeLessThan(10_000);

    const minute = await waitFor(
      async () =>
        (
          await pool.query<{ backlogDepth: number | null }>(
            `SELECT "backlogDepth" FROM "MetricMinute" WHERE "flowId" = $1 AND "environmentId" = $2 AND "step" = '' AND "backlogDepth" = $3 LIMIT 1`,
            [d.flowId, d.environmentId, N + 2],
          )
        ).rows[0],
      `MetricMinute.backlogDepth = ${N + 2}`,
    );
    expect(minute.backlogDepth).toBe(N + 2);

    // The portal's reads: per environment, with each queue's role, and the chart series.
    const backlog = await flowBacklog(viewer, d.flowId);
    expect(backlog).toHaveLength(1);
    expect(backlog[0]).toMatchObject({ environmentKey: "dev", depth: N + 2, isStale: false });
    expect(backlog[0].ageSeconds).toBeLessThan(10);
    expect(backlog[0].queues.map((q) => [q.role, q.queue, q.transport, q.depth])).toEqual([
      ["input", input, kind, N],
      ["direct", direct, kind, 2],
    ]);
    const metrics = await flowMetrics(viewer, { flowId: d.flowId, environmentId: d.environmentId, minutes: 5 });
    expect(metrics?.points.some((p) => p.backlogDepth === N + 2)).toBe(true);

    // Resumed, the deployment drains its queues and the stored depth follows down to zero.
    await setDesiredState(pool, d.deploymentId, "running");
    await waitFor(async () => {
      const r = await depthRows(d.flowId);
      return r.length === 2 && r.every((x) => x.depth === 0);
    }, "QueueDepth to drain to 0");
    expect(await engine.transport.depth(sink)).toBe(N + 2);
  });
});
