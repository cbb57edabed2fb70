import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createMessage } from "@/lib/engine/core/message";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { RabbitTransport } from "@/lib/engine/transports/rabbitmq/transport";
import { deployFlowDirect } from "./deploy";
import {
  RABBIT_URL,
  promValue,
  scrapeMetrics,
  spawnEngineProcess,
  startRecordingHttpTarget,
  stopEngineProcess,
  uniq,
  waitFor,
  type TEngineProcess,
} from "./test-harness";

const dbUrl = useTestDatabase();
const N = 600;

// Scale-out as the architecture describes it: more engine processes on one RabbitMQ queue are
// competing consumers. Each message goes to one of them, and each engine counts its own runs on its
// own /metrics (an engine instance is its process: engine id hostname-pid, its own gateway port).
describe("two engine processes consuming one RabbitMQ queue", () => {
  let pool: pg.Pool;
  let publisher: RabbitTransport;
  let target: Awaited<ReturnType<typeof startRecordingHttpTarget>>;
  const engines: TEngineProcess[] = [];
  const input = uniq("sb-test.compete");
  const flowName = uniq("compete");

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 3);
    // A few ms per request, so neither engine can drain the queue before the other takes its share.
    target = await startRecordingHttpTarget({ delayMs: 5 });
    publisher = new RabbitTransport({ url: RABBIT_URL, connectionName: uniq("sb-test-compete") });
    await publisher.start();
  });

  afterAll(async () => {
    await Promise.all(engines.map((e) => stopEngineProcess(e)));
    await pool.query(`UPDATE "Deployment" SET "desiredState" = 'stopped'`);
    for (const q of [input, `sb.flow.${flowName}.dev`]) await publisher.deleteQueue(q).catch(() => undefined);
    await publisher.close();
    await target.close();
    await pool.end();
  });

  it(`shares ${N} messages between both engines and processes each exactly once`, async () => {
    await deployFlowDirect(pool, {
      flowName,
      environmentKey: "dev",
      deployedBy: "test",
      spec: {
        name: flowName,
        input: { use: "queue", config: { queue: input } },
        outputs: [{ id: "sink", use: "http", config: { url: target.url } }],
        policy: { concurrency: 4 },
      },
    });
    engines.push(spawnEngineProcess(dbUrl(), "rabbitmq"), spawnEngineProcess(dbUrl(), "rabbitmq"));
    const ready = await Promise.all(engines.map((e) => e.ready));
    expect(new Set(ready.map((r) => r.engineId)).size).toBe(2);
    // Both consume before anything is published: otherwise the first one up could take it all.
    for (const { port } of ready)
      await waitFor(
        async () => promValue(await scrapeMetrics(port), "switchboard_deployments", { state: "running" }) === 1,
        `the engine on port ${port} to run the deployment`,
        30_000,
      );

    const published = Array.from({ length: N }, (_, i) => createMessage({ body: { n: i } }));
    await Promise.all(published.map((m) => publisher.publish(input, m)));

    const runsOn = async (port: number) =>
      promValue(await scrapeMetrics(port), "switchboard_runs_total", { flow: flowName, env: "dev", status: "ok" });
    const perEngine = await waitFor(
      async () => {
        const counts = await Promise.all(ready.map((r) => runsOn(r.port)));
        return counts[0] + counts[1] >= N ? counts : null;
      },
      `${N} runs across both engines`,
      60_000,
      100,
    ).catch((e: unknown) => {
      throw new Error(`${String(e)}\n${engines.map((x) => x.output()).join("\n---\n")}`);
    });
    // Nothing more arrives late (a redelivery would).
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await Promise.all(ready.map((r) => runsOn(r.port)))).toEqual(perEngine);

    expect(perEngine[0] + perEngine[1]).toBe(N);
    for (const n of perEngine) expect(n).toBeGreaterThanOrEqual(N / 10);
    expect(target.records).toHaveLength(N);
    expect(target.records.map((r) => r.messageId).sort()).toEqual(published.map((m) => m.id).sort());
    expect(await publisher.depth(input)).toBe(0);

    // Lineage agrees: one first-attempt run per message.
    const runs = await waitFor(async () => {
      const r = await pool.query<{ n: number; d: number; a: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT r."messageId")::int AS d, max(r."attempt")::int AS a
           FROM "MessageRun" r JOIN "Flow" f ON f."id" = r."flowId" WHERE f."name" = $1`,
        [flowName],
      );
      return r.rows[0].n >= N ? r.rows[0] : null;
    }, `${N} lineage rows`);
    expect(runs).toEqual({ n: N, d: N, a: 1 });
  }, 120_000);
});
