// bench/gateway: the API gateway's cost, in one run, on loopback. autocannon drives POST requests with a
// small JSON body at an echo upstream (its own process, answering the body) two ways:
//   direct:  autocannon → echo
//   gateway: autocannon → the engine's API gateway (its own process) → echo, through API key auth, the
//            rate-limit check and consume (a generous plan with a token bucket and minute/day/month
//            quotas, so every limit is evaluated), OpenAPI request validation (body schema with a
//            format, a pattern and a nested array) and the undici proxy; with the access log and analytics on.
// Throughput: closed loop, --connections at once, --seconds per run, --rounds runs of each target
// interleaved (median kept; one run varies on a small shared machine). Latency: a fixed 1,000 req/s
// (autocannon overallRate) for --latency-seconds per target, p99 from every response's own time.
// The gateway runs once per limit store: Redis when 127.0.0.1:6379 answers (the headline), and Postgres.
//   npm run bench -- gateway [--seconds 8] [--rounds 3] [--latency-seconds 10] [--connections 32] [--only redis|postgres]
// Creates and drops its own scratch database (sb_bench_gateway) and Redis key prefix.
import { execFileSync, fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { Redis } from "ioredis";
import pg from "pg";
import { issueKey, seedApi, seedConsumer } from "@/lib/engine/gateway/api/test-harness";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { withDatabase } from "../prisma/lib/migration-adapter";
import { processCpuSeconds } from "./lib/proc-cpu";
import { writeBenchResult } from "./lib/result";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SERVER = process.env.TEST_DATABASE_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const DB = "sb_bench_gateway";
const DB_URL = withDatabase(SERVER, DB);
const REDIS_URL = "redis://127.0.0.1:6379";
const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) || dflt : dflt;
};
const SECONDS = arg("seconds", 8);
const ROUNDS = arg("rounds", 3);
const LATENCY_SECONDS = arg("latency-seconds", 10);
const CONNECTIONS = arg("connections", 32);
const ONLY = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;
/** --profile <dir>: the gateway processes write V8 CPU profiles there (for finding where the time goes). */
const PROFILE_DIR = args.includes("--profile") ? path.resolve(args[args.indexOf("--profile") + 1] ?? ".") : null;
const FIXED_RATE = 1000;
const TARGET_RATIO = 0.7;
const TARGET_ADDED_P99_MS = 3;

const BODY = JSON.stringify({
  customer: "buyer@example.com",
  items: [
    { sku: "ABC-1", qty: 2 },
    { sku: "XYZ-42", qty: 1 },
  ],
});

const OPENAPI = {
  openapi: "3.1.0",
  info: { title: "Bench orders", version: "1.0.0" },
  paths: {
    "/orders": {
      post: {
        parameters: [{ name: "dry-run", in: "query", schema: { type: "boolean" } }],
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: "#/components/schemas/Order" } } },
        },
        responses: { "200": { description: "echoed" } },
      },
    },
  },
  components: {
    schemas: {
      Order: {
        type: "object",
        required: ["customer", "items"],
        properties: {
          customer: { type: "string", format: "email" },
          items: { type: "array", minItems: 1, items: { $ref: "#/components/schemas/Item" } },
        },
      },
      Item: {
        type: "object",
        required: ["sku", "qty"],
        properties: { sku: { type: "string", pattern: "^[A-Z]{3}-[0-9]+$" }, qty: { type: "integer", minimum: 1 } },
      },
    },
  },
};

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: SERVER });
  await c.connect();
  await c.query(sql);
  await c.end();
}

async function redisReachable(): Promise<boolean> {
  const r = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  r.on("error", () => undefined);
  try {
    await r.connect();
    return (await r.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

/** Forks a helper under bench/gateway and waits for its first IPC message. */
function startChild<T>(script: string, argv: string[], profile = false) {
  const child: ChildProcess = fork(path.join(root, "bench/gateway", script), argv, {
    cwd: root,
    execArgv: [
      "--conditions=react-server",
      "--import",
      "tsx",
      ...(profile && PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : []),
    ],
    env: { ...process.env, DATABASE_URL: DB_URL, LOG_LEVEL: "info" },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const ready = new Promise<T>((resolve, reject) => {
    child.once("message", (m) => resolve(m as T));
    child.once("exit", (code) => reject(new Error(`${script} exited (${code}) before it was ready`)));
  });
  const stop = async () => {
    if (child.exitCode != null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.disconnect();
    const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(t);
  };
  return { child, ready, stop };
}

type TTarget = { name: string; url: string; headers: Record<string, string>; pid?: number };

type TRun = {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  cpuSeconds?: number;
};

const round2 = (n: number) => Math.round(n * 100) / 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** CPU seconds one process has used so far (/proc/<pid>/stat utime + stime). */
function pidCpuSeconds(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = execFileSync("cat", [`/proc/${pid}/stat`], { encoding: "utf8" });
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return undefined;
  }
}

/** One autocannon run; latencies are every response's own time (ms, sub-ms resolution). */
async function load(target: TTarget, opts: { seconds: number; connections: number; rate?: number }): Promise<TRun> {
  const samples: number[] = [];
  const cpu0 = pidCpuSeconds(target.pid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: "POST",
        headers: { "content-type": "application/json", ...target.headers },
        body: BODY,
        connections: opts.connections,
        duration: opts.seconds,
        pipelining: 1,
        timeout: 10,
        ...(opts.rate ? { overallRate: opts.rate } : {}),
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) =>
      samples.push(responseTime),
    );
  });
  const cpu1 = pidCpuSeconds(target.pid);
  samples.sort((a, b) => a - b);
  return {
    rps: Math.round(result.requests.total / result.duration),
    p50Ms: round2(percentile(samples, 0.5)),
    p99Ms: round2(percentile(samples, 0.99)),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    ...(cpu0 != null && cpu1 != null ? { cpuSeconds: round2(cpu1 - cpu0) } : {}),
  };
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg().map(round2);
  await admin(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${DB}"`);
  execFileSync("npx", ["tsx", "prisma/migrate.ts", "apply"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: DB_URL },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const pool = createPgPool(DB_URL, 3);
  const prefix = `sb-bench:gateway:${randomBytes(4).toString("hex")}:`;
  const children: { stop(): Promise<void> }[] = [];
  try {
    const echo = startChild<{ port: number }>("echo-upstream.ts", []);
    children.push(echo);
    const echoUrl = `http://127.0.0.1:${(await echo.ready).port}`;

    const api = await seedApi(pool, {
      product: "bench",
      document: { openapi: OPENAPI, backend: { kind: "http", url: echoUrl } },
    });
    // Generous but real: every limit is checked and consumed on every request.
    const plan = {
      ratePerSecond: 1_000_000,
      burst: 1_000_000,
      perMinute: 100_000_000,
      perDay: 1_000_000_000,
      perMonth: 2_000_000_000,
    };

    const hasRedis = await redisReachable();
    const stores = (["redis", "postgres"] as const).filter(
      (s) => (s === "redis" ? hasRedis : true) && (!ONLY || ONLY === s),
    );
    const targets: TTarget[] = [{ name: "direct", url: `${echoUrl}/orders`, headers: {}, pid: echo.child.pid }];
    for (const store of stores) {
      const { consumerId } = await seedConsumer(pool, { plan });
      const { secret } = await issueKey(pool, consumerId, "dev", [api.apiVersionId]);
      const gw = startChild<{ port: number; store: string }>(
        "gateway-process.ts",
        [
          JSON.stringify({
            databaseUrl: DB_URL,
            redisUrl: store === "redis" ? REDIS_URL : undefined,
            keyPrefix: prefix,
          }),
        ],
        true,
      );
      children.push(gw);
      const ready = await gw.ready;
      if (ready.store !== store) throw new Error(`the ${store} gateway came up with the ${ready.store} store`);
      targets.push({
        name: store,
        url: `http://127.0.0.1:${ready.port}/bench/v1/orders`,
        headers: { "x-api-key": secret },
        pid: gw.child.pid,
      });
    }
    // Each path answers before anything is measured (a wrong key or route would show as non-2xx below).
    for (const t of targets) {
      const res = await fetch(t.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...t.headers },
        body: BODY,
      });
      if (res.status !== 200) throw new Error(`${t.name} answered ${res.status}: ${await res.text()}`);
    }

    console.log(`warm-up (2 s each): ${targets.map((t) => t.name).join(", ")}`);
    for (const t of targets) await load(t, { seconds: 2, connections: CONNECTIONS });

    const throughput: Record<string, TRun[]> = Object.fromEntries(targets.map((t) => [t.name, []]));
    for (let r = 0; r < ROUNDS; r++) {
      // Rotate the order so no target always runs first or last in a round.
      const order = targets.map((_, i) => targets[(i + r) % targets.length]!);
      for (const t of order) {
        const run = await load(t, { seconds: SECONDS, connections: CONNECTIONS });
        throughput[t.name]!.push(run);
        console.log(
          `throughput ${t.name} round ${r + 1}: ${run.rps} req/s, p99 ${run.p99Ms} ms, non-2xx ${run.non2xx}`,
        );
      }
    }
    const latency: Record<string, TRun> = {};
    for (const t of targets) {
      latency[t.name] = await load(t, { seconds: LATENCY_SECONDS, connections: 16, rate: FIXED_RATE });
      const l = latency[t.name]!;
      console.log(
        `at ${FIXED_RATE} req/s ${t.name}: ${l.rps} req/s, p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms, non-2xx ${l.non2xx}`,
      );
    }

    const summary = (name: string) => {
      const runs = throughput[name]!;
      const rps = median(runs.map((r) => r.rps));
      const cpuPerReq = runs.every((r) => r.cpuSeconds != null)
        ? round2((runs.reduce((n, r) => n + r.cpuSeconds!, 0) * 1000) / runs.reduce((n, r) => n + r.requests, 0))
        : null;
      return {
        throughputRps: rps,
        throughputRunsRps: runs.map((r) => r.rps),
        p99MsAtFullLoad: median(runs.map((r) => r.p99Ms)),
        processCpuMsPerRequest: cpuPerReq,
        atFixedRate: latency[name],
        non2xx: runs.reduce((n, r) => n + r.non2xx, 0) + latency[name]!.non2xx,
        errors: runs.reduce((n, r) => n + r.errors, 0) + latency[name]!.errors,
      };
    };
    const direct = summary("direct");
    const gateway = Object.fromEntries(
      stores.map((s) => {
        const g = summary(s);
        return [
          s,
          {
            ...g,
            ratio: round2(g.throughputRps / direct.throughputRps),
            addedP99Ms: round2(g.atFixedRate!.p99Ms - direct.atFixedRate!.p99Ms),
          },
        ];
      }),
    );
    const headlineStore = stores[0]!;
    const head = gateway[headlineStore]!;
    const targetsMet = (g: { ratio: number; addedP99Ms: number; non2xx: number }) => ({
      ratio: { target: `>= ${TARGET_RATIO}`, value: g.ratio, met: g.ratio >= TARGET_RATIO },
      addedP99Ms: { target: `< ${TARGET_ADDED_P99_MS}`, value: g.addedP99Ms, met: g.addedP99Ms < TARGET_ADDED_P99_MS },
      allAnswered2xx: { target: "0 non-2xx", value: g.non2xx, met: g.non2xx === 0 },
    });
    const file = writeBenchResult({
      name: "gateway",
      figures: {
        machine: {
          cpus: os.cpus().length,
          loadAverageBefore: loadBefore,
          loadAverageAfter: os.loadavg().map(round2),
          node: process.version,
          serverCpuSecondsAfter: processCpuSeconds(["postgres", "redis-server"]),
        },
        method: {
          request: `POST /orders, ${Buffer.byteLength(BODY)}-byte JSON body, validated against the OpenAPI schema`,
          throughput: `closed loop, ${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s per target, interleaved; median`,
          latency: `${FIXED_RATE} req/s fixed (autocannon overallRate), 16 connections, ${LATENCY_SECONDS} s per target; p99 of every response's time`,
          plan: plan,
          gatewayPath:
            "API key (hash lookup, scope, environment), limit check-and-consume, OpenAPI validation, undici proxy, access log + analytics",
          processes:
            "autocannon (this process), echo upstream and each gateway in their own processes; all on this machine",
        },
        conditions:
          loadBefore[0]! > os.cpus().length
            ? `oversubscribed: load average ${loadBefore[0]} on ${os.cpus().length} cores when the run began (other work shares this machine). The gateway path crosses four processes (autocannon, gateway, limit store, upstream) against the direct path's two, so run-queue waits land on it several times per request; read processCpuMsPerRequest for the gateway's own cost.`
            : `load average ${loadBefore[0]} on ${os.cpus().length} cores when the run began`,
        store: headlineStore,
        storesMeasured: stores,
        direct,
        gateway,
        addedP99Ms: head.addedP99Ms,
        directP99Ms: direct.atFixedRate!.p99Ms,
        gatewayP99Ms: head.atFixedRate!.p99Ms,
        directThroughputRps: direct.throughputRps,
        gatewayThroughputRps: head.throughputRps,
        targets: Object.fromEntries(stores.map((s) => [s, targetsMet(gateway[s]!)])),
      },
      headline: {
        metric: `gateway throughput (${headlineStore} limit store) against the direct upstream`,
        value: head.throughputRps,
        unit: "req/s",
        baseline: direct.throughputRps,
        ratio: head.ratio,
      },
    });
    console.log(`wrote ${path.relative(root, file)}`);
    for (const s of stores)
      console.log(
        `${s}: ratio ${gateway[s]!.ratio} (target ${TARGET_RATIO}), added p99 ${gateway[s]!.addedP99Ms} ms (target < ${TARGET_ADDED_P99_MS})`,
      );
  } finally {
    for (const c of children.reverse()) await c.stop().catch(() => undefined);
    await pool.end();
    if (await redisReachable()) {
      const r = new Redis(REDIS_URL);
      const keys = await r.keys(`${prefix}*`);
      if (keys.length) await r.del(...keys);
      r.disconnect();
    }
    await admin(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
