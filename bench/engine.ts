// bench/engine: in one run, on loopback, against the local RabbitMQ and PostgreSQL:
//  1. baseline: a bare amqplib relay (consume input → publish output with confirms → ack after the
//     confirm; quorum queues, prefetch 100, 1 KB messages);
//  2. the engine's reference flow (JSON in → validate → JSONata transform → route → queue out) on
//     RabbitMQ and on the Postgres transport, lineage and metrics on, as deployed;
//  3. end-to-end latency p50/p99 through the engine at half of its measured throughput;
//  4. the mapping alone: stock jsonata against the engine's transform, with identical output;
//  5. diagnostics, to show where the gap lies: the relay doing the flow's own work inline (no engine),
//     and doing that work plus the durable writes the spec asks of every run (idempotency claim,
//     lineage row): the most any in-process engine meeting the spec could reach on this machine.
// The relay runs three times, interleaved with the other phases; its median is the baseline (one
// run varies by ±20% on a small shared machine). CPU per message is reported for this process and
// for the broker and database, which share the machine's cores.
//   npm run bench -- engine [--messages 20000] [--latency-seconds 5] [--prefetch 100] [--connections 50] [--rr-seconds 5]
//     [--only relay,relay-work,relay-claim,relay-lineage,relay-durable,rabbitmq,sampled,postgres,request-response,mapping]
//     [--profile | --no-profile]
// --only runs some phases and prints them without writing the result file (--profile: under the CPU profiler).
// The full run ends with extra runs of the engine and of the relay with each durable write under V8's CPU
// profiler (as `node --cpu-prof`; raw profiles in the temp dir), summarized in figures.cpuProfiles.
// Creates and drops its own scratch database (sb_bench_engine) and uniquely named queues.
import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import amqp from "amqplib";
import jsonata from "jsonata";
import pg from "pg";
import { createRegistry } from "@/lib/engine/components";
import { idempotencyKeyOf } from "@/lib/engine/core/idempotency";
import { createMessage, type Message } from "@/lib/engine/core/message";
import type { TStepEvent } from "@/lib/engine/core/observer";
import { loadReferenceFlow, referenceMapping, referenceOrder } from "@/lib/engine/fixtures";
import type { TRunContext } from "@/lib/engine/runtime/context";
import { deployFlowDirect } from "@/lib/engine/runtime/deploy";
import { pgDedupeStore } from "@/lib/engine/runtime/idempotency";
import { LineageWriter } from "@/lib/engine/runtime/lineage";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { startEngine, type TEngine } from "@/lib/engine/runtime/engine";
import { createEvaluator } from "@/lib/engine/sandbox/evaluator";
import { decodeMessage, encodeMessage } from "@/lib/engine/transports/codec";
import { AckBatch } from "@/lib/engine/transports/rabbitmq/transport";
import type { TLineagePolicy } from "@/lib/validation/flow-spec";
import type { TTransportKind } from "@/lib/engine/transports/types";
import { withDatabase } from "../prisma/lib/migration-adapter";
import { cpuMsPerMessage, processCpuSeconds } from "./lib/proc-cpu";
import { PhaseProfiler, type TProfileSummary } from "./lib/cpu-profile";
import { writeBenchResult } from "./lib/result";
import { autocannon, pidCpuSeconds, startNodeRed, type TLoad } from "./engine/peer";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RABBIT = "amqp://guest:guest@127.0.0.1:5672";
const SERVER = process.env.TEST_DATABASE_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const DB = "sb_bench_engine";
const DB_URL = withDatabase(SERVER, DB);
const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) || dflt : dflt;
};
const N = arg("messages", 20_000);
const LATENCY_SECONDS = arg("latency-seconds", 5);
// The full run profiles extra (uncounted) runs of the phases that split the cost; --only profiles with --profile.
const PROFILE = args.includes("--only") ? args.includes("--profile") : !args.includes("--no-profile");
const ONLY = args.includes("--only") ? new Set(args[args.indexOf("--only") + 1]?.split(",")) : null;
const PHASE_TIMEOUT_MS = 180_000;
const PREFETCH = arg("prefetch", 100);
// Concurrency follows the prefetch (within the flow spec's limit), so every held message is worked on.
const ENGINE_CONCURRENCY = Math.min(256, PREFETCH);
const MESSAGE_BYTES = 1024;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

const tag = () => randomBytes(3).toString("hex");
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function log(msg: string): void {
  console.log(`[bench engine] ${msg}`);
}

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: SERVER });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function waitUntil(
  fn: () => Promise<boolean>,
  what: string,
  timeoutMs = PHASE_TIMEOUT_MS,
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

function percentile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Varied orders (~1 KB each) so neither the validator nor the mapping sees one shape only. */
function makeOrder(i: number): Record<string, unknown> {
  const base = referenceOrder() as Record<string, unknown> & {
    customer: Record<string, unknown>;
    shipping: Record<string, unknown>;
    lines: Record<string, unknown>[];
  };
  const lines = Array.from({ length: 1 + (i % 4) }, (_, j) => ({
    sku: `S-${(i + j) % 97}`,
    description: `Part ${j}`,
    qty: 1 + ((i + j) % 9),
    unitPrice: round(((i * 7 + j * 3) % 50) + 0.25, 2),
  }));
  const order: Record<string, unknown> = {
    ...base,
    orderId: `PO-${100000 + i}`,
    currency: ["EUR", "USD", "GBP"][i % 3],
    customer: {
      ...base.customer,
      id: `C-${i % 500}`,
      name: `Customer ${i % 500}`,
      vip: i % 5 === 0,
      ...(i % 7 === 0 ? { email: undefined } : {}),
    },
    shipping: { ...base.shipping, method: i % 4 === 0 ? "express" : "standard", cost: round((i % 20) + 0.5, 2) },
    lines,
  };
  const size = Buffer.byteLength(JSON.stringify(order));
  if (size < MESSAGE_BYTES) order.notes = "n".repeat(MESSAGE_BYTES - size - 12);
  return JSON.parse(JSON.stringify(order)) as Record<string, unknown>;
}

/** 1. The bare relay: what the broker and amqplib can do with this topology on this machine. */
/** CPU time this process spent per message since `since` (user + system, all threads). */
function cpuPerMessage(since: NodeJS.CpuUsage, n: number): number {
  const d = process.cpuUsage(since);
  return round((d.user + d.system) / 1000 / n, 3);
}

const SERVERS = ["beam.smp", "postgres"];

/** CPU per message of the broker and the database during a phase (they share the machine's cores). */
function serverCpu(): (n: number) => Record<string, number> {
  const before = processCpuSeconds(SERVERS);
  return (n) => cpuMsPerMessage(before, processCpuSeconds(SERVERS), n);
}

/**
 * What a phase costs the whole machine per message (this process, broker, database), and the rate
 * at which that cost would use every core: less noisy than one throughput reading, and it bounds it.
 */
function machineCost(
  r: { nodeCpuMsPerMessage: number; serverCpuMsPerMessage: Record<string, number> },
  msgPerSec: number,
): {
  totalCpuMsPerMessage: number;
  cpuBoundMsgPerSec: number;
  coresUsed: number;
} {
  const total = r.nodeCpuMsPerMessage + Object.values(r.serverCpuMsPerMessage).reduce((a, b) => a + b, 0);
  return {
    totalCpuMsPerMessage: round(total, 3),
    cpuBoundMsgPerSec: Math.round((os.cpus().length * 1000) / total),
    // CPU seconds per second of the phase, all processes: how much of the machine it used.
    coresUsed: round((total * msgPerSec) / 1000, 2),
  };
}

type TRelayWork = (content: Buffer) => Promise<Buffer>;

/** Pools set up as the engine's: claims on a durable one, lineage on an asynchronous-commit one. */
type TDurable = { pool: pg.Pool; fastPool: pg.Pool; ctx: TRunContext };

/**
 * The reference flow's own work with no engine around it: decode the envelope, the flow's three
 * processors built from the registry and called in turn, encode. Run inside the relay, it shows what
 * any engine doing that work in process could reach on this machine. With `durable`, it also makes
 * the writes the spec requires of every run, with the engine's own stores: the idempotency claim
 * before the work and a lineage row with its steps after it (no retries, timeouts, breakers or metrics).
 */
function flowWorkInline(
  durable?: TDurable,
  writes: { claims: boolean; lineage: boolean } = { claims: true, lineage: true },
): { work: TRelayWork; close: () => Promise<void> } {
  const spec = loadReferenceFlow();
  const registry = createRegistry();
  const evaluator = createEvaluator();
  const processors = spec.steps.map((st) => registry.build("processor", st.use, st.config, { evaluator }));
  const signal = new AbortController().signal;
  const claims = durable && writes.claims ? pgDedupeStore(durable.pool, durable.ctx.flowId) : null;
  const lineage = durable && writes.lineage ? new LineageWriter(durable.fastPool, "failed") : null;
  const work: TRelayWork = async (content) => {
    const startedAt = Date.now();
    const input = decodeMessage(content);
    const runId = randomUUID();
    if (
      claims &&
      !(await claims.claim(`policy:${await idempotencyKeyOf(spec, input, evaluator)}`, 0, { messageId: input.id }))
    )
      throw new Error("unexpected duplicate");
    let msgs = [input];
    for (const [i, p] of processors.entries()) {
      const t = Date.now();
      msgs = (await Promise.all(msgs.map((m) => p.process(m, signal)))).flat();
      lineage?.onStep(stepEvent(runId, input, spec.steps[i].id, "step", spec.steps[i].use, t, msgs));
    }
    // Encoded first, as the engine's output does, so lineage hashes the output from the cached text.
    const out = encodeMessage(msgs[0]);
    if (lineage) {
      lineage.onStep(stepEvent(runId, input, "out", "output", "queue", Date.now(), msgs));
      const result = {
        runId,
        correlationId: input.correlationId,
        status: "ok" as const,
        delivered: [{ outputId: "out", message: msgs[0] }],
        deadLetters: [],
        failures: [],
        durationMs: Date.now() - startedAt,
      };
      await lineage.record({ ctx: durable!.ctx, input, result, startedAt, attempt: 1 });
    }
    return out;
  };
  const close = async () => {
    while (lineage?.queued) await sleep(20);
    lineage?.close();
    await evaluator.close();
    await durable?.pool.end();
    await durable?.fastPool.end();
  };
  return { work, close };
}

function stepEvent(
  runId: string,
  input: Message,
  stepId: string,
  stepKind: "step" | "output",
  use: string,
  startedAt: number,
  messages: Message[],
): TStepEvent {
  return {
    runId,
    flow: "bench",
    correlationId: input.correlationId,
    messageId: input.id,
    stepId,
    stepKind,
    use,
    outcome: "ok",
    attempts: 1,
    durationMs: Date.now() - startedAt,
    startedAt,
    messages,
  };
}

type TRelayPhase = {
  /** Present when the phase ran under the profiler (its throughput is then not comparable). */
  cpuProfile?: TProfileSummary;
  msgPerSec: number;
  seconds: number;
  nodeCpuMsPerMessage: number;
  serverCpuMsPerMessage: Record<string, number>;
} & ReturnType<typeof machineCost>;

async function relayBaseline(n: number, work?: TRelayWork, profile?: string): Promise<TRelayPhase> {
  const conn = await amqp.connect(RABBIT, { clientProperties: { connection_name: "switchboard-bench-relay" } });
  const pub = await conn.createConfirmChannel();
  const ch = await conn.createChannel();
  const qin = `bench.relay.in.${tag()}`;
  const qout = `bench.relay.out.${tag()}`;
  const quorum = { durable: true, arguments: { "x-queue-type": "quorum" } };
  try {
    await ch.assertQueue(qin, quorum);
    await ch.assertQueue(qout, quorum);
    const body = Buffer.alloc(MESSAGE_BYTES, "x");
    for (let i = 0; i < n; i++) {
      pub.sendToQueue(qin, work ? encodeMessage(createMessage({ body: makeOrder(i) })) : body, { persistent: true });
      if (i % 1000 === 999) await pub.waitForConfirms();
    }
    await pub.waitForConfirms();
    await ch.prefetch(PREFETCH);
    const profiler = profile ? new PhaseProfiler() : null;
    await profiler?.start();
    const servers = serverCpu();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let done = 0;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("relay timed out")), PHASE_TIMEOUT_MS);
      // Acks coalesced per event-loop turn, exactly as the engine's consumer does them.
      const acks = new AckBatch(ch);
      const forward = (m: amqp.ConsumeMessage, content: Buffer) =>
        pub.sendToQueue(qout, content, { persistent: true }, (err: unknown) => {
          if (err) return acks.nack(m, true);
          acks.ack(m);
          if (++done === n) {
            clearTimeout(timer);
            resolve();
          }
        });
      void ch.consume(qin, (m) => {
        if (!m) return;
        acks.delivered(m);
        if (!work) return forward(m, m.content);
        work(m.content).then((content) => forward(m, content), reject);
      });
    });
    const seconds = (performance.now() - t0) / 1000;
    const cost = { nodeCpuMsPerMessage: cpuPerMessage(cpu0, n), serverCpuMsPerMessage: servers(n) };
    const cpuProfile = profiler && profile ? await profiler.stop(profile) : undefined;
    return {
      msgPerSec: round(n / seconds),
      seconds: round(seconds, 2),
      ...cost,
      ...machineCost(cost, n / seconds),
      ...(cpuProfile ? { cpuProfile } : {}),
    };
  } finally {
    await ch.deleteQueue(qin).catch(() => undefined);
    await ch.deleteQueue(qout).catch(() => undefined);
    await conn.close().catch(() => undefined);
  }
}

async function relayWithFlowWork(
  n: number,
  durable?: TDurable,
  writes?: { claims: boolean; lineage: boolean },
  profile?: string,
) {
  const inline = flowWorkInline(durable, writes);
  try {
    return await relayBaseline(n, inline.work, profile);
  } finally {
    await inline.close();
  }
}

/** The durable writes need a flow version to point at: one deployed as stopped, so no engine runs it. */
async function durableContext(pool: pg.Pool): Promise<TDurable> {
  const flowName = `bench-relay-durable-${tag()}`;
  const d = await deployFlowDirect(pool, {
    flowName,
    spec: { ...loadReferenceFlow(), name: flowName },
    environmentKey: "test",
    deployedBy: "bench",
    desiredState: "stopped",
  });
  const own = { pool: createPgPool(DB_URL, 8), fastPool: createPgPool(DB_URL, 4, { asyncCommit: true }) };
  return {
    ...own,
    ctx: {
      flowId: d.flowId,
      flowName,
      flowVersionId: d.flowVersionId,
      environmentId: d.environmentId,
      environmentKey: "test",
      deploymentId: d.deploymentId,
    },
  };
}

type TFlowQueues = { input: string; outputs: string[]; flowName: string };

function referenceSpec(kind: TTransportKind) {
  const spec = loadReferenceFlow();
  const t = `${kind}.${tag()}`;
  const q = {
    input: `bench.orders.in.${t}`,
    priority: `bench.orders.priority.${t}`,
    standard: `bench.orders.standard.${t}`,
    rejected: `bench.orders.rejected.${t}`,
  };
  spec.input.config = { ...spec.input.config, queue: q.input, prefetch: PREFETCH };
  for (const o of spec.outputs) {
    const key = o.id.replace(/_out$/, "") as "priority" | "standard" | "rejected";
    o.config = { ...o.config, queue: q[key] };
  }
  spec.policy.concurrency = ENGINE_CONCURRENCY;
  const flowName = `bench-ref-${kind}-${tag()}`;
  spec.name = flowName;
  return {
    spec,
    queues: { input: q.input, outputs: [q.priority, q.standard, q.rejected], flowName } satisfies TFlowQueues,
  };
}

/**
 * Messages on the flow's output queues. On RabbitMQ one long-lived channel asks the broker (the
 * transport's depth() opens a channel per call, which costs the broker more than the question).
 */
async function outputCounter(
  engine: TEngine,
  queues: TFlowQueues,
): Promise<{ total: () => Promise<number>; close: () => Promise<void> }> {
  if (engine.transport.kind !== "rabbitmq") {
    return {
      total: async () => {
        let total = 0;
        for (const q of queues.outputs) total += await engine.transport.depth(q);
        return total;
      },
      close: async () => {},
    };
  }
  const conn = await amqp.connect(RABBIT, { clientProperties: { connection_name: "switchboard-bench-counter" } });
  const ch = await conn.createChannel();
  // Declared up front as the engine declares them, so asking never fails (a failed check closes the channel).
  for (const q of queues.outputs) await ch.assertQueue(q, { durable: true, arguments: { "x-queue-type": "quorum" } });
  return {
    total: async () => {
      let total = 0;
      for (const q of queues.outputs) total += (await ch.checkQueue(q)).messageCount;
      return total;
    },
    close: () => conn.close().catch(() => undefined),
  };
}

/** 2 + 3. The reference flow on one transport: drain a preloaded backlog, then latency at half load. */
type TEngineRunOptions = {
  /** policy.lineage (absent = full). */
  lineage?: TLineagePolicy;
  /** false: the reference flow without its policy.idempotencyKey. */
  idempotencyKey?: boolean;
  /** Measure latency at half the measured throughput after the drain. */
  latency?: boolean;
  /** Run the drain under the CPU profiler, with this label (its throughput is then not comparable). */
  profile?: string;
};

type TEngineRun = Record<string, unknown> & { msgPerSec: number };

async function engineRun(
  kind: TTransportKind,
  n: number,
  pool: pg.Pool,
  opts: TEngineRunOptions = {},
): Promise<TEngineRun> {
  const engine = await startEngine({
    databaseUrl: DB_URL,
    transport: kind,
    rabbitUrl: RABBIT,
    gatewayHost: "127.0.0.1",
    gatewayPort: 0,
    gatewayMaxBytes: 1_048_576,
    gatewaySyncTimeoutMs: 10_000,
    dlqAlertThreshold: 1_000,
    retention: "failed",
    pollMs: 5_000,
    metricsFlushMs: 10_000,
    graceMs: 5_000,
    log: silent,
    engineId: `bench-${kind}`,
  });
  const { spec, queues } = referenceSpec(kind);
  if (opts.lineage) spec.policy.lineage = opts.lineage;
  if (opts.idempotencyKey === false) delete spec.policy.idempotencyKey;
  const lineageLabel = opts.lineage
    ? `${opts.lineage.level}${opts.lineage.sampleRate !== undefined ? ` ${opts.lineage.sampleRate * 100}%` : ""}`
    : "full";
  try {
    log(`${kind}: preloading ${n} orders`);
    for (let i = 0; i < n; i += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, n - i) }, (_, j) =>
          engine.transport.publish(queues.input, createMessage({ body: makeOrder(i + j) })),
        ),
      );
    }
    const d = await deployFlowDirect(pool, {
      flowName: queues.flowName,
      spec,
      environmentKey: "test",
      deployedBy: "bench",
    });
    await waitUntil(
      async () =>
        (await pool.query(`SELECT 1 FROM "Deployment" WHERE "id" = $1 AND "actualState" = 'running'`, [d.deploymentId]))
          .rowCount === 1,
      "deployment running",
      30_000,
      10,
    );
    const counter = await outputCounter(engine, queues);
    const profiler = opts.profile ? new PhaseProfiler() : null;
    await profiler?.start();
    const servers = serverCpu();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await waitUntil(async () => (await counter.total()) >= n, `${n} routed orders`, PHASE_TIMEOUT_MS, 100);
    const seconds = (performance.now() - t0) / 1000;
    const nodeCpuMsPerMessage = cpuPerMessage(cpu0, n);
    const serverCpuMsPerMessage = servers(n);
    const cpuProfile = profiler && opts.profile ? await profiler.stop(opts.profile) : undefined;
    const throughput = round(n / seconds);
    log(
      `${kind}: ${n} in ${round(seconds, 2)} s = ${throughput} msg/s, ${nodeCpuMsPerMessage} ms CPU/message here, servers ${JSON.stringify(serverCpuMsPerMessage)}`,
    );
    const runs = await pool.query(
      `SELECT "status", count(*)::int AS n FROM "MessageRun" WHERE "flowId" = $1 GROUP BY 1`,
      [d.flowId],
    );

    const settings = {
      concurrency: ENGINE_CONCURRENCY,
      prefetch: PREFETCH,
      lineage: `${lineageLabel} (payload retention: failed)`,
      idempotencyKey: opts.idempotencyKey !== false,
      metrics: "on",
    };
    const drain = {
      transport: kind,
      messages: n,
      seconds: round(seconds, 2),
      msgPerSec: throughput,
      nodeCpuMsPerMessage,
      serverCpuMsPerMessage,
      ...machineCost({ nodeCpuMsPerMessage, serverCpuMsPerMessage }, throughput),
      runs: Object.fromEntries(runs.rows.map((r) => [r.status, r.n])),
      settings,
      ...(cpuProfile ? { cpuProfile } : {}),
    };
    if (!opts.latency) {
      await counter.close();
      await pool.query(`UPDATE "Deployment" SET "desiredState" = 'stopped' WHERE "id" = $1`, [d.deploymentId]);
      await waitUntil(async () => engine.runtime.deploymentCount === 0, "deployment stopped", 30_000);
      return drain;
    }
    // Latency at half load: publish at 50% of the measured rate, timestamp each message, consume the outputs.
    const rate = Math.max(10, Math.floor(throughput / 2));
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    let drained = 0;
    const stop = new AbortController();
    for (const q of queues.outputs) {
      await engine.transport.consume(
        q,
        async (msg) => {
          const s = sentAt.get(msg.correlationId);
          if (s !== undefined) latencies.push(performance.now() - s);
          else drained++;
        },
        { prefetch: 200, signal: stop.signal },
      );
    }
    const total = rate * LATENCY_SECONDS;
    // The throughput phase left n messages on the outputs: consume them first, untimed.
    await counter.close();
    await waitUntil(async () => drained >= n, "output backlog drained", 60_000, 50);
    log(`${kind}: latency at ${rate} msg/s for ${LATENCY_SECONDS} s`);
    const start = performance.now();
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
      const batch: Promise<void>[] = [];
      for (; sent < due; sent++) {
        const msg = createMessage({ body: makeOrder(n + sent) });
        sentAt.set(msg.correlationId, performance.now());
        batch.push(engine.transport.publish(queues.input, msg));
      }
      await Promise.all(batch);
      await sleep(5);
    }
    await waitUntil(async () => latencies.length >= total, "latency samples", 60_000, 50);
    stop.abort();
    latencies.sort((a, b) => a - b);
    await pool.query(`UPDATE "Deployment" SET "desiredState" = 'stopped' WHERE "id" = $1`, [d.deploymentId]);
    await waitUntil(async () => engine.runtime.deploymentCount === 0, "deployment stopped", 30_000);
    return {
      ...drain,
      latencyAtHalfLoad: {
        rateMsgPerSec: rate,
        samples: latencies.length,
        p50Ms: round(percentile(latencies, 0.5)),
        p99Ms: round(percentile(latencies, 0.99)),
        maxMs: round(latencies[latencies.length - 1] ?? NaN),
      },
    };
  } finally {
    for (const q of [queues.input, ...queues.outputs, `sb.flow.${queues.flowName}.test`])
      await engine.transport.deleteQueue(q).catch(() => undefined);
    await engine.stop();
  }
}

/** 4. The mapping alone: stock jsonata vs the engine's evaluator, same corpus, identical output. */
async function mappingBench(): Promise<Record<string, unknown>> {
  const expression = referenceMapping();
  const corpus = Array.from({ length: 500 }, (_, i) => makeOrder(i));
  const stock = jsonata(expression);
  const engine = createEvaluator();
  try {
    let mismatches = 0;
    for (const order of corpus) {
      const a = JSON.parse(JSON.stringify((await stock.evaluate(order)) ?? null));
      const b = JSON.parse(JSON.stringify((await engine.evaluate(expression, order)) ?? null));
      if (!isDeepStrictEqual(a, b)) mismatches++;
    }
    // Alternating rounds, medians: on a shared machine load shifts during the run, and
    // interleaving makes both sides see the same conditions.
    const rate = async (iterations: number, offset: number, fn: (o: unknown) => Promise<unknown>) => {
      const t0 = performance.now();
      for (let i = 0; i < iterations; i++) await fn(corpus[(offset + i) % corpus.length]);
      return iterations / ((performance.now() - t0) / 1000);
    };
    const evalStock = (o: unknown) => stock.evaluate(o);
    const evalEngine = (o: unknown) => engine.evaluate(expression, o);
    await rate(1_000, 0, evalStock);
    await rate(10_000, 0, evalEngine);
    const rounds: { stock: number; engine: number }[] = [];
    for (let r = 0; r < 7; r++)
      rounds.push({ stock: await rate(1_000, r * 71, evalStock), engine: await rate(10_000, r * 71, evalEngine) });
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const stockRate = median(rounds.map((r) => r.stock));
    const engineRate = median(rounds.map((r) => r.engine));
    const speedups = rounds.map((r) => r.engine / r.stock);
    return {
      corpus: corpus.length,
      identicalOutputs: corpus.length - mismatches,
      mismatches,
      compiledPath: engine.isCompiled(expression),
      stockEvalsPerSec: round(stockRate),
      engineEvalsPerSec: round(engineRate),
      speedup: round(median(speedups), 2),
      speedupPerRound: speedups.map((x) => round(x, 1)),
      rounds: rounds.length,
      evaluationsPerRound: { stock: 1_000, engine: 10_000 },
    };
  } finally {
    await engine.close();
  }
}

const RR_CONNECTIONS = arg("connections", 50);
const RR_SECONDS = arg("rr-seconds", 5);

/**
 * 6. Request-response against a peer: Node-RED (its own process, stock nodes) and the engine's HTTP
 * gateway (this process) run the same flow (validate the 1 KB order, map it with the reference
 * JSONata expression, answer with the result), each driven by autocannon (its own process) at the
 * same concurrency, three interleaved rounds each, medians. The engine's flow also keeps lineage
 * (full) and publishes its result to a queue output (a flow must have one); Node-RED keeps nothing.
 */
async function requestResponse(pool: pg.Pool): Promise<Record<string, unknown>> {
  const ref = loadReferenceFlow();
  const [validate, transform] = ref.steps;
  const nodeRed = await startNodeRed(root, validate.config.schema, String(transform.config.expression));
  const engine = await startEngine({
    databaseUrl: DB_URL,
    transport: "rabbitmq",
    rabbitUrl: RABBIT,
    gatewayHost: "127.0.0.1",
    gatewayPort: 0,
    gatewayMaxBytes: 1_048_576,
    gatewaySyncTimeoutMs: 10_000,
    dlqAlertThreshold: 1_000,
    retention: "failed",
    pollMs: 5_000,
    metricsFlushMs: 10_000,
    graceMs: 5_000,
    log: silent,
    engineId: "bench-rr",
  });
  const flowName = `bench-rr-${tag()}`;
  const out = `bench.rr.out.${tag()}`;
  try {
    const d = await deployFlowDirect(pool, {
      flowName,
      environmentKey: "test",
      deployedBy: "bench",
      spec: {
        name: flowName,
        input: { use: "http", config: { path: `/${flowName}`, responseTimeoutMs: 10_000 } },
        steps: [validate, transform],
        outputs: [{ id: "out", use: "queue", config: { queue: out } }],
        policy: { ...ref.policy, idempotencyKey: undefined, concurrency: 256 },
      },
    });
    await waitUntil(
      async () =>
        (await pool.query(`SELECT 1 FROM "Deployment" WHERE "id" = $1 AND "actualState" = 'running'`, [d.deploymentId]))
          .rowCount === 1,
      "request-response deployment running",
      30_000,
      10,
    );
    const body = JSON.stringify(makeOrder(1));
    const engineUrl = `http://127.0.0.1:${engine.port}/flows/${flowName}/test`;
    const check = async (url: string) => {
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
      const json = (await res.json()) as Record<string, unknown>;
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(json)}`);
      return json;
    };
    const [a, b] = [await check(nodeRed.url), await check(engineUrl)];
    const sameAnswer = isDeepStrictEqual(a, (b as { result?: unknown }).result ?? b);
    const servers = () => processCpuSeconds(SERVERS);
    const measure = async (url: string, cpu: () => number) => {
      const s0 = servers();
      const c0 = cpu();
      const load = await autocannon(root, url, body, { connections: RR_CONNECTIONS, seconds: RR_SECONDS });
      const n = Math.max(1, load.requests);
      const peerCpu = round(((cpu() - c0) * 1000) / n, 3);
      return { ...load, peerCpuMsPerRequest: peerCpu, serverCpuMsPerRequest: cpuMsPerMessage(s0, servers(), n) };
    };
    const engineCpu = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e6;
    };
    const nodeRedCpu = () => pidCpuSeconds(nodeRed.child.pid);
    // Warm-up (JIT, pools, Ajv compile), untimed.
    await autocannon(root, nodeRed.url, body, { connections: RR_CONNECTIONS, seconds: 1 });
    await autocannon(root, engineUrl, body, { connections: RR_CONNECTIONS, seconds: 1 });
    const rounds: { nodeRed: TLoad; switchboard: TLoad }[] = [];
    for (let r = 0; r < 3; r++) {
      const nr = await measure(nodeRed.url, nodeRedCpu);
      const sb = await measure(engineUrl, engineCpu);
      log(`request-response round ${r + 1}: Node-RED ${nr.reqPerSec} req/s, Switchboard ${sb.reqPerSec} req/s`);
      rounds.push({ nodeRed: nr, switchboard: sb });
    }
    const med = <T extends { reqPerSec: number }>(xs: T[]) => [...xs].sort((x, y) => x.reqPerSec - y.reqPerSec)[1];
    const nodeRedMed = med(rounds.map((x) => x.nodeRed));
    const sbMed = med(rounds.map((x) => x.switchboard));
    await pool.query(`UPDATE "Deployment" SET "desiredState" = 'stopped' WHERE "id" = $1`, [d.deploymentId]);
    await waitUntil(async () => engine.runtime.deploymentCount === 0, "request-response deployment stopped", 30_000);
    return {
      connections: RR_CONNECTIONS,
      secondsPerRound: RR_SECONDS,
      sameAnswer,
      nodeRed: { ...nodeRedMed, roundsReqPerSec: rounds.map((x) => x.nodeRed.reqPerSec) },
      switchboard: { ...sbMed, roundsReqPerSec: rounds.map((x) => x.switchboard.reqPerSec) },
      ratio: round(sbMed.reqPerSec / nodeRedMed.reqPerSec, 3),
      setup:
        "Node-RED 4 embedded in its own process (http in → change msg.schema → json validate → change JSONata → http response; its Ajv has no formats, so date/email formats are not checked there); Switchboard: the engine's HTTP gateway in the bench process, the same validate and transform steps, lineage full, result also published to a RabbitMQ queue output; autocannon in its own process",
    };
  } finally {
    await engine.transport.deleteQueue(out).catch(() => undefined);
    await engine.transport.deleteQueue(`sb.flow.${flowName}.test`).catch(() => undefined);
    await engine.stop();
    await nodeRed.stop();
  }
}

const median3 = <T extends { msgPerSec: number }>(xs: T[]): T =>
  [...xs].sort((a, b) => a.msgPerSec - b.msgPerSec)[Math.floor(xs.length / 2)];

/**
 * Extra runs under the profiler, not counted: where this process's CPU goes in the engine's full and
 * sampled configurations and in the relay with the claim alone, lineage alone and both.
 */
async function profiledRuns(pool: pg.Pool): Promise<Record<string, TProfileSummary | undefined>> {
  log("profiling: the relay with each durable write, and the engine's full and sampled configurations");
  const sampled: TLineagePolicy = { level: "sampled", sampleRate: 0.01 };
  const claim = { claims: true, lineage: false };
  const lineage = { claims: false, lineage: true };
  const out = {
    relayWithFlowWorkAndClaim: (await relayWithFlowWork(N, await durableContext(pool), claim, "relay-claim"))
      .cpuProfile,
    relayWithFlowWorkAndLineage: (await relayWithFlowWork(N, await durableContext(pool), lineage, "relay-lineage"))
      .cpuProfile,
    relayWithFlowWorkAndDurableWrites: (
      await relayWithFlowWork(N, await durableContext(pool), undefined, "relay-durable")
    ).cpuProfile,
    engineRabbitmqFull: (await engineRun("rabbitmq", N, pool, { profile: "engine-full" })).cpuProfile as
      TProfileSummary | undefined,
    engineRabbitmqSampled: (
      await engineRun("rabbitmq", N, pool, { lineage: sampled, idempotencyKey: false, profile: "engine-sampled" })
    ).cpuProfile as TProfileSummary | undefined,
  };
  for (const [k, v] of Object.entries(out)) if (v) log(`profile ${k}: ${JSON.stringify(v.areas)} (${v.rawProfile})`);
  return out;
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg().map((x) => round(x, 2));
  const started = performance.now();
  log(`messages per phase: ${N}; load average ${loadBefore.join(" ")} on ${os.cpus().length} CPUs`);
  await admin(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${DB}"`);
  const pool = new pg.Pool({ connectionString: DB_URL, max: 3, options: "-c timezone=UTC" });
  // Dropping the scratch database at the end ends idle connections: not an error.
  pool.on("error", () => undefined);
  const sampled: TLineagePolicy = { level: "sampled", sampleRate: 0.01 };
  try {
    execFileSync(process.execPath, ["--import", "tsx", "prisma/migrate.ts", "apply"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: DB_URL },
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (ONLY) {
      for (const phase of ONLY) {
        const profile = PROFILE ? phase : undefined;
        const r =
          phase === "mapping"
            ? await mappingBench()
            : phase === "relay"
              ? await relayBaseline(N, undefined, profile)
              : phase === "relay-work"
                ? await relayWithFlowWork(N, undefined, undefined, profile)
                : phase === "relay-claim"
                  ? await relayWithFlowWork(N, await durableContext(pool), { claims: true, lineage: false }, profile)
                  : phase === "relay-lineage"
                    ? await relayWithFlowWork(N, await durableContext(pool), { claims: false, lineage: true }, profile)
                    : phase === "relay-durable"
                      ? await relayWithFlowWork(N, await durableContext(pool), undefined, profile)
                      : phase === "sampled"
                        ? await engineRun("rabbitmq", N, pool, { lineage: sampled, idempotencyKey: false, profile })
                        : phase === "request-response"
                          ? await requestResponse(pool)
                          : await engineRun(phase as TTransportKind, N, pool, { latency: !profile, profile });
        log(`${phase}: ${JSON.stringify(r)}`);
      }
      return;
    }
    log("mapping alone: stock jsonata vs engine transform");
    const mapping = await mappingBench();
    log(`mapping: ${JSON.stringify(mapping)}`);
    // The relay and the engine's full configuration alternate, three times each: both sides see the
    // same shifts in load, and each is the median of its three.
    const relays: TRelayPhase[] = [];
    const fulls: TEngineRun[] = [];
    for (let r = 0; r < 3; r++) {
      relays.push(await relayBaseline(N));
      log(`relay ${r + 1}: ${JSON.stringify(relays[r])}`);
      fulls.push(await engineRun("rabbitmq", N, pool, { latency: r === 0 }));
      log(`engine full ${r + 1}: ${JSON.stringify(fulls[r])}`);
    }
    log("diagnostics: the relay doing the flow's work inline, + the claim alone, + lineage alone, + both");
    const relayWork = await relayWithFlowWork(N);
    log(`relay + flow work: ${JSON.stringify(relayWork)}`);
    const relayClaim = await relayWithFlowWork(N, await durableContext(pool), { claims: true, lineage: false });
    log(`relay + flow work + claim: ${JSON.stringify(relayClaim)}`);
    const relayLineage = await relayWithFlowWork(N, await durableContext(pool), { claims: false, lineage: true });
    log(`relay + flow work + lineage: ${JSON.stringify(relayLineage)}`);
    const relayDurable = await relayWithFlowWork(N, await durableContext(pool));
    log(`relay + flow work + claim + lineage: ${JSON.stringify(relayDurable)}`);
    relays.push(await relayBaseline(N));
    log(`relay 4: ${JSON.stringify(relays[3])}`);
    const sampledRun = await engineRun("rabbitmq", N, pool, { lineage: sampled, idempotencyKey: false });
    log(`engine sampled 1%, no idempotency key: ${JSON.stringify(sampledRun)}`);
    const postgres = await engineRun("postgres", N, pool);
    log(`engine on postgres: ${JSON.stringify(postgres)}`);
    const rr = await requestResponse(pool);
    log(`request-response: ${JSON.stringify(rr)}`);
    const cpuProfiles = PROFILE ? await profiledRuns(pool) : null;
    const loadAfter = os.loadavg().map((x) => round(x, 2));
    // The baseline for the full configuration: the median of the three relays interleaved with it;
    // for the later phases, the median of the last three relays (closest in time).
    const relay = median3(relays.slice(0, 3));
    const relayLate = median3(relays.slice(1));
    const full = median3(fulls);
    const toRelay = (r: { msgPerSec: number }, base = relayLate) => round(r.msgPerSec / base.msgPerSec, 3);
    const fullLatency = fulls[0].latencyAtHalfLoad as { p99Ms: number };
    const targets = {
      fullLineageRatio: { value: toRelay(full, relay), target: 0.45, met: toRelay(full, relay) >= 0.45 },
      ceilingRatio: {
        value: round(full.msgPerSec / relayDurable.msgPerSec, 3),
        target: 0.92,
        met: full.msgPerSec / relayDurable.msgPerSec >= 0.92,
      },
      sampledRatio: { value: toRelay(sampledRun), target: 0.6, met: toRelay(sampledRun) >= 0.6 },
      postgresMsgPerSec: { value: postgres.msgPerSec, target: 3_000, met: postgres.msgPerSec >= 3_000 },
      p99HalfLoadMs: { value: fullLatency.p99Ms, target: 50, met: fullLatency.p99Ms <= 50 },
      vsNodeRed: { value: rr.ratio as number, target: 1.5, met: (rr.ratio as number) >= 1.5 },
    };
    const file = writeBenchResult({
      name: "engine",
      figures: {
        machine: {
          cpus: os.cpus().length,
          loadAverageBefore: loadBefore,
          loadAverageAfter: loadAfter,
          node: process.version,
          benchSeconds: round((performance.now() - started) / 1000, 1),
        },
        messageBytes: MESSAGE_BYTES,
        relayBaseline: {
          ...relay,
          runsMsgPerSec: relays.map((r) => r.msgPerSec),
          topology: `quorum queues, publisher confirms, ack after confirm (coalesced per turn as the engine's), prefetch ${PREFETCH}`,
        },
        engineRabbitmqFull: {
          ...full,
          // Measured after the first of the three runs, which need not be the median one.
          latencyAtHalfLoad: fullLatency,
          runsMsgPerSec: fulls.map((r) => r.msgPerSec),
          ratioToRelay: toRelay(full, relay),
        },
        engineRabbitmqSampled: { ...sampledRun, ratioToRelay: toRelay(sampledRun) },
        enginePostgres: postgres,
        // Not targets: the flow's work with no engine around it, then with each durable write alone
        // and both (the ceiling for an engine that records every run with these stores).
        relayWithFlowWorkInline: { ...relayWork, ratioToRelay: toRelay(relayWork) },
        relayWithFlowWorkAndClaim: { ...relayClaim, ratioToRelay: toRelay(relayClaim) },
        relayWithFlowWorkAndLineage: { ...relayLineage, ratioToRelay: toRelay(relayLineage) },
        relayWithFlowWorkAndDurableWrites: { ...relayDurable, ratioToRelay: toRelay(relayDurable) },
        requestResponse: rr,
        mapping,
        ...(cpuProfiles ? { cpuProfiles } : {}),
        targets: Object.fromEntries(Object.entries(targets).map(([k, v]) => [k, v.value])),
        targetValues: Object.fromEntries(Object.entries(targets).map(([k, v]) => [k, v.target])),
        met: Object.fromEntries(Object.entries(targets).map(([k, v]) => [k, v.met])),
      },
      headline: {
        metric: "engine reference flow (lineage full, idempotency key) on RabbitMQ vs bare amqplib relay",
        value: full.msgPerSec,
        unit: "msg/s",
        baseline: relay.msgPerSec,
        ratio: toRelay(full, relay),
      },
    });
    log(`written ${path.relative(root, file)}`);
  } finally {
    await pool.end();
    await admin(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);
