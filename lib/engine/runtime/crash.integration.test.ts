import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createMessage } from "@/lib/engine/core/message";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { PgListener } from "@/lib/engine/transports/postgres/listener";
import { PostgresTransport } from "@/lib/engine/transports/postgres/transport";
import { RabbitTransport } from "@/lib/engine/transports/rabbitmq/transport";
import type { Transport } from "@/lib/engine/transports/types";
import { deployFlowDirect } from "./deploy";
import { RABBIT_URL, uniq, waitFor } from "./test-harness";

const dbUrl = useTestDatabase();
const TOTAL = 10_000;
const root = path.resolve(__dirname, "../../..");

/** A real engine process (`npm run engine`), with its own gateway port and a short visibility timeout. */
function spawnEngine(transport: string): { child: ChildProcess; exited: Promise<number | null>; stderr: () => string } {
  // node itself (not the tsx CLI, which forks a second process): SIGKILL must hit the engine.
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/engine/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl(),
      ENGINE_TRANSPORT: transport,
      RABBITMQ_URL: RABBIT_URL,
      ENGINE_GATEWAY_PORT: "0",
      ENGINE_POLL_INTERVAL_MS: "500",
      ENGINE_PG_VISIBILITY_MS: "2000",
      ENGINE_SHUTDOWN_GRACE_MS: "3000",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, stderr: () => err };
}

describe.each(["postgres", "rabbitmq"] as const)("engine process killed mid-stream on %s", (kind) => {
  let pool: pg.Pool;
  let transport: Transport;
  let closeTransport: () => Promise<void>;
  const input = uniq(`sb-test.crash-${kind}`);
  const table = `crash_sink_${kind}`;

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 4);
    if (kind === "postgres") {
      const listener = new PgListener(dbUrl());
      const t = new PostgresTransport({ pool, listener, workerId: "test-publisher" });
      transport = t;
      closeTransport = async () => (await t.close(), await listener.close());
    } else {
      const t = new RabbitTransport({ url: RABBIT_URL, connectionName: uniq("sb-test-crash") });
      await t.start();
      transport = t;
      closeTransport = () => t.close();
    }
  });

  const flowNames: string[] = [];

  afterAll(async () => {
    // The next suite's engines share this database: leave no deployment (or its queue) behind.
    await pool.query(`UPDATE "Deployment" SET "desiredState" = 'stopped'`);
    for (const name of flowNames) await transport.deleteQueue(`sb.flow.${name}.dev`).catch(() => undefined);
    await transport.deleteQueue(input).catch(() => undefined);
    await closeTransport();
    await pool.end();
  });

  it(`loses none of ${TOTAL} messages after SIGKILL, and the idempotent sink records each exactly once`, async () => {
    await pool.query(`CREATE TABLE "${table}" (id int PRIMARY KEY, ref text NOT NULL)`);
    const flowName = uniq(`crash-${kind}`);
    flowNames.push(flowName);
    await deployFlowDirect(pool, {
      flowName,
      environmentKey: "dev",
      deployedBy: "test",
      spec: {
        name: flowName,
        input: { use: "queue", config: { queue: input, prefetch: 64 } },
        outputs: [{ id: "sink", use: "postgres_upsert", config: { table, keyColumns: ["id"] } }],
        policy: { concurrency: 32 },
      },
    });
    // Backlog first, so the kill lands while thousands are queued and dozens are in flight.
    for (let i = 0; i < TOTAL; i += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, TOTAL - i) }, (_, j) =>
          transport.publish(input, createMessage({ body: { id: i + j, ref: `order-${i + j}` } })),
        ),
      );
    }
    const sinkCount = async () => Number((await pool.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);

    const first = spawnEngine(kind);
    await waitFor(async () => (await sinkCount()) >= 1_500, "the first engine to get going", 60_000, 20).catch(
      (e: unknown) => {
        throw new Error(`${String(e)}\nengine stderr:\n${first.stderr()}`);
      },
    );
    first.child.kill("SIGKILL");
    expect(await first.exited).toBeNull();
    const atKill = await sinkCount();
    expect(atKill).toBeLessThan(TOTAL);

    const second = spawnEngine(kind);
    try {
      await waitFor(
        async () => (await sinkCount()) === TOTAL && (await transport.depth(input)) === 0,
        `all ${TOTAL} rows in the sink`,
        90_000,
        200,
      );
    } catch (error) {
      second.child.kill("SIGKILL");
      throw new Error(
        `${String(error)}; at kill ${atKill}, now ${await sinkCount()}\nengine stderr:\n${second.stderr()}`,
      );
    }
    // Graceful stop on SIGTERM: exit code 0.
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);

    const rows = await pool.query(
      `SELECT count(*)::int AS n, count(DISTINCT id)::int AS d, min(id) AS lo, max(id) AS hi FROM "${table}"`,
    );
    expect(rows.rows[0]).toEqual({ n: TOTAL, d: TOTAL, lo: 0, hi: TOTAL - 1 });
    // The kill really interrupted work: some messages were delivered more than once.
    const redelivered = await pool.query(
      `SELECT max("attempt")::int AS a FROM "MessageRun" r JOIN "Flow" f ON f."id" = r."flowId" WHERE f."name" = $1`,
      [flowName],
    );
    expect(redelivered.rows[0].a).toBeGreaterThanOrEqual(2);
  }, 180_000);
});
