// Shared by the engine's integration tests and the bench: booting engines, waiting, naming.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import type pg from "pg";
import type { TTransportKind } from "@/lib/engine/transports/types";
import type { TFlowSpecInput } from "@/lib/validation/flow-spec";
import { deployFlowDirect } from "./deploy";
import { startEngine, type TEngine, type TEngineConfig } from "./engine";

const run = promisify(execFile);

export const RABBIT_URL = "amqp://guest:guest@127.0.0.1:5672";

export const silentLog = { debug() {}, info() {}, warn() {}, error() {} };

export function uniq(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

export function bootEngine(
  databaseUrl: string,
  transport: TTransportKind,
  overrides: Partial<TEngineConfig> = {},
): Promise<TEngine> {
  return startEngine({
    databaseUrl,
    transport,
    rabbitUrl: RABBIT_URL,
    gatewayHost: "127.0.0.1",
    gatewayPort: 0,
    gatewayMaxBytes: 64 * 1024,
    gatewaySyncTimeoutMs: 5_000,
    dlqAlertThreshold: 3,
    retention: "all",
    pollMs: 500,
    metricsFlushMs: 500,
    graceMs: 2_000,
    log: silentLog,
    ...overrides,
  });
}

/**
 * An HTTP target system for flows' http outputs: records what it received (content type and raw
 * body) and lets the test make it slow or fail (503).
 */
export async function startHttpTarget() {
  const state = { failing: false, delayMs: 0 };
  const received: { contentType: string; body: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      setTimeout(() => {
        if (state.failing) return void res.writeHead(503).end("down");
        received.push({
          contentType: String(req.headers["content-type"]),
          body: Buffer.concat(chunks).toString("utf8"),
        });
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      }, state.delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/in`;
  return { state, received, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Polls `fn` until it returns a truthy value; fails with `what` and the last value after `timeoutMs`. */
export async function waitFor<T>(
  fn: () => Promise<T> | T,
  what: string,
  timeoutMs = 15_000,
  everyMs = 50,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await fn();
    if (last) return last as NonNullable<T>;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Closes a RabbitMQ connection from the broker side, the way a broker restart or network cut does:
 * finds it by connection_name with rabbitmqctl. Returns false when rabbitmqctl is not available.
 */
export async function closeRabbitConnection(connectionName: string): Promise<boolean> {
  let out: string;
  try {
    out = (
      await run("rabbitmqctl", ["list_connections", "-q", "--no-table-headers", "pid", "client_properties"], {
        timeout: 20_000,
      })
    ).stdout;
  } catch {
    return false;
  }
  const pids = out
    .split("\n")
    .filter((line) => line.includes(`"${connectionName}"`))
    .map((line) => /^(<[^>]+>)/.exec(line.trim())?.[1])
    .filter((p): p is string => Boolean(p));
  for (const pid of pids)
    await run("rabbitmqctl", ["close_connection", pid, "switchboard test: simulated connection drop"], {
      timeout: 20_000,
    });
  return pids.length > 0;
}

/** Waits until the engine reports a deployment in `state`. */
export async function waitForDeployment(
  pool: pg.Pool,
  deploymentId: string,
  state: "running" | "paused",
  what: string,
): Promise<void> {
  await waitFor(
    async () =>
      (await pool.query(`SELECT 1 FROM "Deployment" WHERE "id" = $1 AND "actualState" = $2`, [deploymentId, state]))
        .rowCount,
    `${what} ${state}`,
  );
}

/** Deploys `spec` as flow `flowName` straight into the tables (no portal) and waits until an engine runs it. */
export async function deployRunning(
  pool: pg.Pool,
  flowName: string,
  spec: Omit<TFlowSpecInput, "name">,
  environmentKey = "dev",
) {
  const d = await deployFlowDirect(pool, {
    flowName,
    environmentKey,
    deployedBy: "test",
    spec: { name: flowName, ...spec },
  });
  await waitForDeployment(pool, d.deploymentId, "running", flowName);
  return d;
}

/**
 * Ends a suite that booted an engine on a shared test database: stops every deployment (the next
 * suite's engine would otherwise run them), deletes the queues the suite made, stops the engine.
 */
export async function stopEngineSuite(engine: TEngine, pool: pg.Pool, queues: string[]): Promise<void> {
  await pool.query(`UPDATE "Deployment" SET "desiredState" = 'stopped'`);
  await waitFor(() => engine.runtime.deploymentCount === 0, "all deployments stopped");
  for (const q of queues) await engine.transport.deleteQueue(q).catch(() => undefined);
  await engine.stop();
}
