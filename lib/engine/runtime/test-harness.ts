// Shared by the engine's integration tests and the bench: booting engines, waiting, naming.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import http, { type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import parsePrometheusTextFormat, {
  type TPromFamily,
  type TPromHistogramSample,
  type TPromValueSample,
} from "parse-prometheus-text-format";
import type pg from "pg";
import type { TTransportKind } from "@/lib/engine/transports/types";
import type { TFlowSpecInput } from "@/lib/validation/flow-spec";
import { deployFlowDirect, setDesiredState } from "./deploy";
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

/** One request as the recording target received it. */
export type TRecordedRequest = {
  /** ce-id: the message the engine delivered. */
  messageId: string;
  /** The flow's policy.idempotencyKey as the http output sends it; null when the flow has none. */
  idempotencyKey: string | null;
  body: string;
};

/**
 * A target system without a unique key: it appends every request on arrival, before it answers, so
 * a delivery the engine repeats shows up twice. While held it stops answering, so the requests it
 * got stay in flight (recorded, unanswered) until `release()`.
 */
export async function startRecordingHttpTarget(opts: { delayMs?: number } = {}) {
  const records: TRecordedRequest[] = [];
  let held: { res: ServerResponse; record: TRecordedRequest }[] | null = null;
  const answer = (res: ServerResponse) => {
    if (!res.destroyed && !res.socket?.destroyed) res.writeHead(200, { "content-type": "application/json" }).end("{}");
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const key = req.headers["idempotency-key"];
      const record = {
        messageId: String(req.headers["ce-id"]),
        idempotencyKey: typeof key === "string" ? key : null,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      records.push(record);
      if (held) return void held.push({ res, record });
      if (opts.delayMs) setTimeout(() => answer(res), opts.delayMs);
      else answer(res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/in`,
    records,
    /** Requests recorded but not answered yet. */
    held: () => (held ?? []).map((h) => h.record),
    hold() {
      held ??= [];
    },
    release() {
      const waiting = held ?? [];
      held = null;
      for (const h of waiting) answer(h.res);
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

export type TEngineProcess = {
  child: ChildProcess;
  /** Exit code; null when a signal ended it. */
  exited: Promise<number | null>;
  /** The gateway port and engine id from the process's "engine ready" log line. */
  ready: Promise<{ port: number; engineId: string }>;
  /** The tail of its stderr and of its log, for failure messages. */
  output(): string;
};

/**
 * A real engine process (lib/engine-process/main.ts, with its scheduler) on its own free gateway port, with short poll and
 * visibility intervals. `env` adds or overrides variables.
 */
export function spawnEngineProcess(
  databaseUrl: string,
  transport: TTransportKind,
  env: Record<string, string> = {},
): TEngineProcess {
  // node itself (not the tsx CLI, which forks a second process): a SIGKILL must hit the engine.
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "lib/engine-process/main.ts"],
    {
      cwd: REPO_ROOT,
      env: {
        // eslint-disable-next-line no-restricted-properties -- passed through to the child, not read as config
        ...process.env,
        DATABASE_URL: databaseUrl,
        ENGINE_TRANSPORT: transport,
        RABBITMQ_URL: RABBIT_URL,
        ENGINE_GATEWAY_PORT: "0",
        // Several engines run at once: the API gateway's default port (4010) would be taken by the first.
        ENGINE_API_GATEWAY_PORT: "0",
        ENGINE_POLL_INTERVAL_MS: "500",
        ENGINE_PG_VISIBILITY_MS: "2000",
        ENGINE_SHUTDOWN_GRACE_MS: "3000",
        // info: the "engine ready" line carries the port and the engine id.
        LOG_LEVEL: "info",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let tail = "";
  const keep = (d: Buffer) => (tail = (tail + d.toString()).slice(-6000));
  child.stderr!.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = new Promise<{ port: number; engineId: string }>((resolve, reject) => {
    let pending = "";
    child.stdout!.on("data", (d: Buffer) => {
      keep(d);
      pending += d.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.includes('"engine ready"')) continue;
        const parsed = JSON.parse(line) as { port: number; engineId: string };
        resolve({ port: parsed.port, engineId: parsed.engineId });
      }
    });
    void exited.then((code) => reject(new Error(`engine exited (${code}) before it was ready:\n${tail}`)));
  });
  // Callers that never await `ready` must not see an unhandled rejection when the process ends.
  ready.catch(() => undefined);
  return { child, exited, ready, output: () => tail };
}

/** Ends an engine process: SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
export async function stopEngineProcess(p: TEngineProcess, graceMs = 15_000): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill("SIGTERM");
  const timer = setTimeout(() => p.child.kill("SIGKILL"), graceMs);
  await p.exited;
  clearTimeout(timer);
}

/** GET /metrics from an engine's gateway, parsed with a real Prometheus text-format parser. */
export async function scrapeMetrics(port: number): Promise<TPromFamily[]> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  return parsePromText(await res.text());
}

/**
 * Prometheus text format parsed by parse-prometheus-text-format, with histograms fixed up: the
 * parser folds all series of a histogram family into one sample and drops the labels, sum and count
 * of labelled series (it only handles unlabelled histograms). Without their TYPE lines the same
 * lines parse as plain samples that keep every label, and each series is rebuilt from those.
 */
export function parsePromText(text: string): TPromFamily[] {
  const families = parsePrometheusTextFormat(text);
  if (!families.some((f) => f.type === "HISTOGRAM")) return families;
  const plain = parsePrometheusTextFormat(
    text
      .split("\n")
      .filter((line) => !/^# TYPE \S+ histogram\s*$/.test(line))
      .join("\n"),
  );
  const valuesOf = (name: string) =>
    // prom-client writes each series' buckets, sum and count in turn, so a name recurs as a new family.
    plain
      .filter((f) => f.name === name)
      .flatMap((f) => f.metrics)
      .filter((m): m is TPromValueSample => "value" in m);
  return families.map((family) => {
    if (family.type !== "HISTOGRAM") return family;
    const series = new Map<string, TPromHistogramSample>();
    const seriesOf = (labels: Record<string, string> = {}) => {
      const { le: _le, ...rest } = labels;
      const key = JSON.stringify(Object.entries(rest).sort());
      let s = series.get(key);
      if (!s) series.set(key, (s = { labels: rest, buckets: {}, count: "0", sum: "0" }));
      return s;
    };
    for (const m of valuesOf(`${family.name}_bucket`)) seriesOf(m.labels).buckets[m.labels?.le ?? ""] = m.value;
    for (const m of valuesOf(`${family.name}_sum`)) seriesOf(m.labels).sum = m.value;
    for (const m of valuesOf(`${family.name}_count`)) seriesOf(m.labels).count = m.value;
    return { ...family, metrics: [...series.values()] };
  });
}

/** The samples of metric family `name` whose labels include `labels`. */
export function promSamples(families: TPromFamily[], name: string, labels: Record<string, string> = {}) {
  const family = families.find((f) => f.name === name);
  return (family?.metrics ?? []).filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
}

/** The value of a counter or gauge sample with exactly these labels' values (0 when absent, as Prometheus reads it). */
export function promValue(families: TPromFamily[], name: string, labels: Record<string, string>): number {
  const [sample, ...more] = promSamples(families, name, labels);
  if (more.length) throw new Error(`${name} ${JSON.stringify(labels)} matches ${more.length + 1} series`);
  return sample && "value" in sample ? Number(sample.value) : 0;
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

export type TTestChange = {
  status?: "submitted" | "approved" | "implemented" | "rejected" | "rolled_back";
  type?: "standard" | "normal" | "emergency";
  windowStart?: Date;
  windowEnd?: Date;
  /** The hash the change's item approves; defaults to the deployment's. */
  contentHash?: string;
};

/**
 * Stands in for the CAB in engine tests: writes a change request for the deployment's environment whose
 * item binds the deployment's flow version (by default approved, window open for an hour), and binds
 * the deployment to it. The Deployment trigger NOTIFYs the engines, which re-check the gate.
 */
export async function bindChange(
  pool: pg.Pool,
  deploymentId: string,
  c: TTestChange = {},
): Promise<{ changeId: string; number: number }> {
  const now = Date.now();
  const changeId = `chg-${randomBytes(6).toString("hex")}`;
  const r = await pool.query<{ number: number }>(
    `INSERT INTO "ChangeRequest" ("id", "title", "type", "status", "environmentId", "windowStart", "windowEnd", "requestedByEmail", "updatedAt")
     SELECT $1, 'test change', $2::"ChangeType", $3::"ChangeStatus", d."environmentId",
            $4::timestamptz AT TIME ZONE 'UTC', $5::timestamptz AT TIME ZONE 'UTC', 'test@example.com', now()
     FROM "Deployment" d WHERE d."id" = $6 RETURNING "number"`,
    [
      changeId,
      c.type ?? "normal",
      c.status ?? "approved",
      (c.windowStart ?? new Date(now - 60_000)).toISOString(),
      (c.windowEnd ?? new Date(now + 3_600_000)).toISOString(),
      deploymentId,
    ],
  );
  await pool.query(
    `INSERT INTO "ChangeItem" ("id", "changeRequestId", "kind", "itemKey", "itemId", "versionId", "version", "contentHash")
     SELECT $1, $2, 'flow', f."name", d."flowId", d."flowVersionId", v."version", COALESCE($4, d."contentHash")
     FROM "Deployment" d JOIN "Flow" f ON f."id" = d."flowId" JOIN "FlowVersion" v ON v."id" = d."flowVersionId" WHERE d."id" = $3`,
    [`ci-${randomBytes(6).toString("hex")}`, changeId, deploymentId, c.contentHash ?? null],
  );
  await pool.query(`UPDATE "Deployment" SET "changeRequestId" = $2, "updatedAt" = now() WHERE "id" = $1`, [
    deploymentId,
    changeId,
  ]);
  return { changeId, number: r.rows[0].number };
}

/** A deployment's actual state and error, as the portal shows them. */
export async function deploymentState(pool: pg.Pool, deploymentId: string) {
  const r = await pool.query<{ actualState: string; actualError: string | null; activatedAt: Date | null }>(
    `SELECT "actualState", "actualError", "activatedAt" FROM "Deployment" WHERE "id" = $1`,
    [deploymentId],
  );
  return r.rows[0];
}

/** Waits until the engine refused the deployment with a reason matching `reason`; returns the reason. */
export async function waitForRefusal(pool: pg.Pool, deploymentId: string, reason: RegExp): Promise<string> {
  return waitFor(async () => {
    const s = await deploymentState(pool, deploymentId);
    return s?.actualState === "refused" && s.actualError && reason.test(s.actualError) ? s.actualError : null;
  }, `deployment refused with ${reason}`);
}

/**
 * Deploys to production the way the CAB lets it: the version reaches test first (promotion), then prod
 * bound to an approved change, and waits until an engine runs it.
 */
export async function deployApproved(
  pool: pg.Pool,
  flowName: string,
  spec: Omit<TFlowSpecInput, "name">,
  environmentKey = "prod",
) {
  await deployFlowDirect(pool, {
    flowName,
    environmentKey: "test",
    deployedBy: "test",
    desiredState: "stopped",
    spec: { name: flowName, ...spec },
  });
  // Stopped until bound: the engine never sees it unapproved (no refusal to audit).
  const d = await deployFlowDirect(pool, {
    flowName,
    environmentKey,
    deployedBy: "test",
    desiredState: "stopped",
    spec: { name: flowName, ...spec },
  });
  const change = await bindChange(pool, d.deploymentId);
  await setDesiredState(pool, d.deploymentId, "running");
  await waitForDeployment(pool, d.deploymentId, "running", flowName);
  return { ...d, ...change };
}
