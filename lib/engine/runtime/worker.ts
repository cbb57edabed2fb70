import { setMaxListeners } from "node:events";
import type pg from "pg";
import { QueueInput } from "@/lib/engine/components/queue/input-queue";
import type { TQueueDeps } from "@/lib/engine/components/queue/deps";
import type { CircuitBreakers } from "@/lib/engine/core/circuit-breakers";
import type { DedupeStore, Evaluator, Input, TObservedEndpoint } from "@/lib/engine/core/contracts";
import { CALLER_HEADER, REPLAY_HEADER, ROUTE_HEADER_HTTP, type Message } from "@/lib/engine/core/message";
import { POLLING_INPUTS, pollStateKey } from "@/lib/engine/core/poll-key";
import type { TDeadLetter, TStepEvent } from "@/lib/engine/core/observer";
import type { Registry } from "@/lib/engine/core/registry";
import { abortableSleep } from "@/lib/engine/core/retry";
import { FlowRunner, type TRunResult } from "@/lib/engine/core/runner";
import type { DependencyAggregator } from "@/lib/engine/metrics/dependencies";
import type { TPromMetrics } from "@/lib/engine/metrics/prometheus";
import type { MinuteRollup, TRollupHandle, TRollupOutcome } from "@/lib/engine/metrics/rollup";
import type { Transport } from "@/lib/engine/transports/types";
import { lineageSettings, type TFlowSpec } from "@/lib/validation/flow-spec";
import type { TLog, TRunContext } from "./context";
import { pgAggregateStore } from "./aggregate-store";
import { checkDlqAlert, persistDeadLetter } from "./dead-letters";
import { FailureStreak } from "./failure-streak";
import { pgDedupeStore } from "./idempotency";
import { decideLineage, type LineageWriter, type TLineageDecision } from "./lineage";
import { gatewayEndpoint, inputEndpoint, outputEndpoint } from "./observed-endpoints";
import { pgPollState } from "./poll-state";
import type { TQualityDeps } from "./quality";

export type TWorkerDeps = {
  pool: pg.Pool;
  transport: Transport;
  registry: Registry;
  breakers: CircuitBreakers;
  lineage: LineageWriter;
  prom: TPromMetrics;
  rollup: MinuteRollup;
  /** Which systems the flow exchanged messages with, for the catalog. */
  dependencies: DependencyAggregator;
  /** The engine's own database, which postgres components use without a connection string. */
  databaseUrl?: string;
  log: TLog;
  evaluator?: Evaluator;
  dlqAlertThreshold: number;
  /** How long stop/pause waits for in-flight messages before aborting them (they are then redelivered). */
  graceMs: number;
  /** Rule sets, quarantine, master data and masking for this deployment (lib/engine/runtime/quality). */
  quality?: (ctx: TRunContext) => TQualityDeps;
};

/** Per deployment: receives replays and fire-and-forget gateway requests, on either transport. */
export function directQueueName(flowName: string, environmentKey: string): string {
  return `sb.flow.${flowName}.${environmentKey}`;
}

/** responseTimeoutMs 0 = fire-and-forget (202 at once); otherwise request-response with that timeout. */
export type THttpInputSettings = {
  path: string | null;
  methods: string[];
  maxBytes: number | null;
  responseTimeoutMs: number | null;
};

export type TWorkerState = "stopped" | "running" | "paused";

export type TProcessOptions = {
  /** Keep the run's output in lineage (request-response callers read it). */
  keepOutput?: boolean;
  /** Read from the deployment's own input (not the direct queue or the gateway). */
  fromInput?: boolean;
};

/**
 * The Input contract does not promise concurrent reads are safe (a poll input would poll twice), so
 * the loops take turns reading while the messages they got are processed concurrently; inputs that
 * declare `concurrentReads` (queues) are read directly.
 */
function serialReads(input: Input): Input["read"] {
  if (input.concurrentReads) return (s) => input.read(s);
  let turn: Promise<unknown> = Promise.resolve();
  return (s) => {
    const next = turn.then(() => input.read(s));
    turn = next.catch(() => undefined);
    return next;
  };
}

function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => (signal.removeEventListener("abort", onAbort), resolve(v)),
      (e: unknown) => (signal.removeEventListener("abort", onAbort), reject(e)),
    );
  });
}

type TStepSeries = {
  rollup: TRollupHandle;
  duration: ReturnType<TPromMetrics["stepDuration"]["labels"]>;
  counters: Partial<Record<TStepEvent["outcome"], ReturnType<TPromMetrics["steps"]["labels"]>>>;
};

const OUTCOME: Partial<Record<TStepEvent["outcome"], TRollupOutcome>> = {
  ok: "ok",
  filtered: "filtered",
  failed: "failed",
  dead_lettered: "dead_lettered",
  unrouted: "filtered",
};

/**
 * Runs one deployment: a FlowRunner, its input (or the gateway for http inputs) plus the
 * deployment's direct queue, `policy.concurrency` loops per input, lineage, metrics and the DLQ.
 */
export class DeploymentWorker {
  readonly ctx: TRunContext;
  readonly directQueue: string;
  state: TWorkerState = "stopped";
  private runner: FlowRunner | null = null;
  private inputs: Input[] = [];
  private loops: Promise<void>[] = [];
  private soft = new AbortController();
  private hard = new AbortController();
  private ticker: NodeJS.Timeout | null = null;
  private lastAlertCheck = 0;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** A source that stays down is logged once a minute, not on every retry of every loop. */
  private readonly readFailures = new FailureStreak();
  /** prom-client children per label set: looking labels up per observation was a measurable cost. */
  /** Per step id: its rollup handle and Prometheus children, resolved once (no key strings per message). */
  private readonly stepSeries = new Map<string, TStepSeries>();
  private runRollup: TRollupHandle | null = null;
  private readonly runCounters: Partial<Record<TRunResult["status"], ReturnType<TPromMetrics["runs"]["labels"]>>> = {};
  private runDuration: ReturnType<TPromMetrics["runDuration"]["labels"]> | null = null;
  /** policy.lineage, read once (the spec is immutable). */
  private readonly lineageLevel: ReturnType<typeof lineageSettings>;

  constructor(
    readonly deploymentId: string | null,
    ctx: Omit<TRunContext, "deploymentId">,
    readonly spec: TFlowSpec,
    private readonly deps: TWorkerDeps,
  ) {
    this.ctx = { ...ctx, deploymentId };
    this.lineageLevel = lineageSettings(spec.policy);
    // Every concurrent step attempt listens on this signal.
    setMaxListeners(0, this.hard.signal);
    this.directQueue = directQueueName(ctx.flowName, ctx.environmentKey);
  }

  get isHttpInput(): boolean {
    return this.spec.input.use === "http";
  }

  /** What the gateway needs from an http input's config (read loosely: the component owns its schema). */
  get http(): THttpInputSettings {
    this.httpSettings ??= this.readHttpSettings();
    return this.httpSettings;
  }

  private httpSettings: THttpInputSettings | null = null;

  private readHttpSettings(): THttpInputSettings {
    if (!this.isHttpInput) return { path: null, methods: ["POST"], maxBytes: null, responseTimeoutMs: 0 };
    const c = this.deps.registry.parseConfig("input", "http", this.spec.input.config) as Record<string, unknown>;
    return {
      path: typeof c.path === "string" ? c.path : null,
      methods: Array.isArray(c.methods) ? c.methods.map(String) : ["POST"],
      maxBytes: typeof c.maxBytes === "number" ? c.maxBytes : null,
      responseTimeoutMs: typeof c.responseTimeoutMs === "number" ? c.responseTimeoutMs : null,
    };
  }

  private log(): TLog {
    return this.deps.log;
  }

  private dedupeStore: DedupeStore | null = null;
  private quality: TQualityDeps | null = null;

  private qualityDeps(): TQualityDeps {
    this.quality ??= this.deps.quality?.(this.ctx) ?? {};
    return this.quality;
  }

  private engineDeps(): TQueueDeps {
    // One store per worker: its claims from concurrent runs share statements.
    this.dedupeStore ??= pgDedupeStore(this.deps.pool, this.ctx.flowId);
    return {
      evaluator: this.deps.evaluator,
      dedupeStore: this.dedupeStore,
      aggregateStore: (stepId) =>
        pgAggregateStore(this.deps.pool, `${this.ctx.flowId}:${this.ctx.environmentId}:${stepId}`),
      db: this.deps.pool,
      transport: this.deps.transport,
      log: this.deps.log,
      observeEndpoint: (e) => this.deps.dependencies.observe(this.ctx.flowId, this.ctx.environmentId, e),
      ...this.qualityDeps(),
    };
  }

  private endpoints: { input: TObservedEndpoint | null; outputs: Map<string, TObservedEndpoint> } | null = null;

  /** What the input and each output talk to, named once per worker (the spec is immutable). */
  private observedEndpoints() {
    this.endpoints ??= {
      input: inputEndpoint(this.spec.input, this.deps.databaseUrl),
      outputs: new Map(
        this.spec.outputs.flatMap((o) => {
          const e = outputEndpoint(o, this.deps.databaseUrl);
          return e ? [[o.id, e] as const] : [];
        }),
      ),
    };
    return this.endpoints;
  }

  /** A request the gateway built for this flow (not a replay, not a copy another flow forwarded). */
  private isGatewayRequest(msg: Message): boolean {
    if (msg.headers[CALLER_HEADER] === undefined || REPLAY_HEADER in msg.headers) return false;
    const route = (msg.headers[ROUTE_HEADER_HTTP] ?? "").replace(/\/$/, "");
    const { flowName, environmentKey } = this.ctx;
    return (
      route === gatewayEndpoint(flowName, environmentKey) ||
      (this.http.path !== null && route === `/api/${environmentKey}${this.http.path}`)
    );
  }

  /**
   * Inbound: a message from the flow's own input, or a gateway request (with its caller); replays and
   * released aggregate groups came in once already. Outbound: each delivery that succeeded.
   */
  private observeDependencies(msg: Message, result: TRunResult, source: "input" | "direct" | null): void {
    const { flowId, environmentId } = this.ctx;
    const endpoints = this.observedEndpoints();
    const agg = this.deps.dependencies;
    if (source === "input" && endpoints.input) agg.observe(flowId, environmentId, endpoints.input);
    else if (source === "direct" && this.isGatewayRequest(msg))
      agg.observe(flowId, environmentId, {
        direction: "inbound",
        endpointKind: "http",
        endpoint: gatewayEndpoint(this.ctx.flowName, this.ctx.environmentKey),
        caller: msg.headers[CALLER_HEADER],
      });
    for (const d of result.delivered) {
      const e = endpoints.outputs.get(d.outputId);
      if (e) agg.observe(flowId, environmentId, e);
    }
  }

  /** Builds the runner (once) and starts consuming. */
  async start(): Promise<void> {
    if (this.state === "running") return;
    await this.startRunnerOnly();
    await this.startConsuming();
    this.state = "running";
  }

  /** Builds the runner without consuming anything: for replays onto a version that is not deployed. */
  async startRunnerOnly(): Promise<void> {
    if (!this.runner) {
      const runner = new FlowRunner(this.spec, this.deps.registry, {
        deps: this.engineDeps(),
        breakers: this.deps.breakers,
        observer: { onStep: (e) => this.onStep(e), onDeadLetter: (d) => this.onDeadLetter(d) },
      });
      await runner.connect(this.hard.signal);
      this.runner = runner;
      this.ticker = setInterval(() => void this.tick(), 1_000);
      this.ticker.unref();
    }
  }

  /** Stops taking messages (the queue buffers them); the gateway answers 503 meanwhile. */
  async pause(): Promise<void> {
    if (this.state !== "running") return;
    await this.stopConsuming();
    this.state = "paused";
  }

  async stop(): Promise<void> {
    if (this.state === "running") await this.stopConsuming();
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    await this.runner
      ?.close()
      .catch((e: unknown) => this.log().warn({ err: String(e), flow: this.ctx.flowName }, "closing outputs failed"));
    this.runner = null;
    this.state = "stopped";
  }

  /** Aborts in-flight work at once (shutdown past its grace period): those messages are redelivered. */
  abortInFlight(): void {
    this.hard.abort(new Error("engine shutting down"));
  }

  private async startConsuming(): Promise<void> {
    if (this.hard.signal.aborted) {
      this.hard = new AbortController();
      setMaxListeners(0, this.hard.signal);
    }
    this.soft = new AbortController();
    // Each waiting loop listens on it (concurrency can be in the hundreds).
    setMaxListeners(0, this.soft.signal);
    const concurrency = this.spec.policy.concurrency;
    const inputs: Input[] = [];
    if (!this.isHttpInput) {
      const config = this.spec.input.config as Record<string, unknown>;
      // A queue input without its own prefetch holds twice the concurrency, so no loop waits on a claim.
      const effective =
        this.spec.input.use === "queue" && config.prefetch === undefined
          ? { ...config, prefetch: Math.min(1_000, concurrency * 2) }
          : config;
      // Polling inputs keep their position and lease in PollState.
      const pollState = POLLING_INPUTS.has(this.spec.input.use)
        ? pgPollState(
            this.deps.pool,
            pollStateKey(this.ctx.flowId, this.ctx.environmentId, this.spec.input),
            this.ctx.flowId,
          )
        : undefined;
      inputs.push(
        this.deps.registry.build("input", this.spec.input.use, effective, { ...this.engineDeps(), pollState }),
      );
    }
    inputs.push(new QueueInput(this.deps.transport, { queue: this.directQueue, prefetch: Math.min(concurrency, 16) }));
    try {
      for (const input of inputs) await input.connect(this.soft.signal);
    } catch (error) {
      await Promise.allSettled(inputs.map((i) => i.close()));
      throw error;
    }
    this.inputs = inputs;
    this.loops = inputs.flatMap((input, i) => {
      const read = serialReads(input);
      // The last input is the direct queue (replays, fire-and-forget gateway requests).
      const isDirect = i === inputs.length - 1;
      return Array.from({ length: isDirect ? Math.min(concurrency, 4) : concurrency }, () =>
        this.loop(read, this.soft.signal, input.concurrentReads === true, !isDirect),
      );
    });
  }

  private async stopConsuming(): Promise<void> {
    this.soft.abort();
    const grace = setTimeout(() => this.abortInFlight(), this.deps.graceMs);
    try {
      await Promise.allSettled(this.loops);
      await Promise.allSettled(this.inputs.map((i) => i.close()));
    } finally {
      clearTimeout(grace);
    }
    this.loops = [];
    this.inputs = [];
  }

  private async loop(
    read: Input["read"],
    signal: AbortSignal,
    honorsAbort: boolean,
    fromInput: boolean,
  ): Promise<void> {
    let backoffMs = 100;
    while (!signal.aborted) {
      let handoff: Awaited<ReturnType<Input["read"]>>;
      const pending = read(signal);
      try {
        // Not every input honours the signal while it waits: stop waiting anyway, and hand back
        // whatever that read still delivers.
        handoff = await (honorsAbort ? pending : untilAborted(pending, signal));
        backoffMs = 100;
        const cleared = this.readFailures.succeeded();
        if (cleared)
          this.log().info(
            { flow: this.ctx.flowName, env: this.ctx.environmentKey, ...cleared },
            "input read works again",
          );
      } catch (error) {
        if (signal.aborted) {
          pending
            .then((h) => h.ack(new Error("input stopped before the message was processed")))
            .catch(() => undefined);
          return;
        }
        const failures = this.readFailures.failed();
        if (failures)
          this.log().warn(
            { err: String(error), flow: this.ctx.flowName, env: this.ctx.environmentKey, failures },
            "input read failed; retrying",
          );
        // Abortable, so a stop does not wait out the backoff.
        await abortableSleep(backoffMs, signal).catch(() => undefined);
        backoffMs = Math.min(backoffMs * 2, 10_000);
        continue;
      }
      try {
        await this.process(handoff.msg, handoff.deliveryCount ?? 1, { fromInput });
        await handoff.ack();
      } catch (error) {
        await handoff.ack(error instanceof Error ? error : new Error(String(error))).catch(() => undefined);
      }
    }
  }

  /**
   * Runs one message through the flow and records lineage and metrics. Rejects only when the run was
   * aborted (shutdown) or lineage could not be written: the caller then returns the message to the queue.
   */
  process(msg: Message, attempt = 1, opts: TProcessOptions = {}): Promise<TRunResult> {
    const p = this.processInner(msg, attempt, opts);
    this.inFlight.add(p);
    const done = () => void this.inFlight.delete(p);
    p.then(done, done);
    return p;
  }

  private async processInner(msg: Message, attempt: number, opts: TProcessOptions): Promise<TRunResult> {
    const runner = this.runner;
    if (!runner) throw new Error(`${this.ctx.flowName} (${this.ctx.environmentKey}) is not running`);
    const startedAt = Date.now();
    // Decided before the run, from the message id: every delivery of it decides the same.
    const lineage = this.decideLineage(msg);
    const result = await runner.run(msg, this.hard.signal);
    if (this.hard.signal.aborted) throw new Error("run aborted by shutdown; the message will be redelivered");
    await this.recordRun(msg, result, startedAt, attempt, opts.keepOutput ?? false, lineage);
    this.observeDependencies(msg, result, opts.fromInput ? "input" : "direct");
    return result;
  }

  private async recordRun(
    msg: Message,
    result: TRunResult,
    startedAt: number,
    attempt: number,
    keepOutput: boolean,
    lineage: TLineageDecision,
  ): Promise<void> {
    await this.deps.lineage.record({ ctx: this.ctx, input: msg, result, startedAt, attempt, keepOutput, lineage });
    const { flowName, environmentKey } = this.ctx;
    (this.runCounters[result.status] ??= this.deps.prom.runs.labels(flowName, environmentKey, result.status)).inc();
    (this.runDuration ??= this.deps.prom.runDuration.labels(flowName, environmentKey)).observe(
      result.durationMs / 1000,
    );
    const outcome: TRollupOutcome =
      result.status === "ok"
        ? "ok"
        : result.status === "filtered"
          ? "filtered"
          : result.status === "dead_lettered"
            ? "dead_lettered"
            : "failed";
    (this.runRollup ??= this.deps.rollup.handle(this.ctx.flowId, this.ctx.environmentId, "")).observe(
      outcome,
      result.durationMs,
    );
    if (result.failures.length) {
      this.log().warn(
        {
          flow: this.ctx.flowName,
          env: this.ctx.environmentKey,
          messageId: msg.id,
          failures: result.failures.map((f) => `${f.failedStep}: ${f.error}`),
        },
        "message failed and policy.dlq is off: dropped",
      );
    }
  }

  private decideLineage(msg: Message): TLineageDecision {
    return decideLineage(msg.id, this.lineageLevel.level, this.lineageLevel.sampleRate);
  }

  /** Releases timed-out aggregate groups; their runs get lineage like any other. */
  private async tick(): Promise<void> {
    const runner = this.runner;
    if (!runner) return;
    try {
      const startedAt = Date.now();
      const results = await runner.tick(this.hard.signal);
      for (const r of results) {
        const msg = r.delivered[0]?.message ?? r.deadLetters[0]?.originalMessage;
        if (!msg) continue;
        await this.recordRun(msg, r, startedAt, 1, false, this.decideLineage(msg));
        this.observeDependencies(msg, r, null);
      }
    } catch (error) {
      this.log().warn({ err: String(error), flow: this.ctx.flowName }, "aggregate flush failed");
    }
  }

  private onStep(e: TStepEvent): void {
    this.deps.lineage.onStep(e);
    if (e.outcome === "skipped") return;
    const s = this.seriesOf(e.stepId);
    (s.counters[e.outcome] ??= this.deps.prom.steps.labels(
      this.ctx.flowName,
      this.ctx.environmentKey,
      e.stepId,
      e.outcome,
    )).inc();
    s.duration.observe(e.durationMs / 1000);
    const outcome = OUTCOME[e.outcome];
    if (outcome) s.rollup.observe(outcome, e.durationMs);
  }

  private seriesOf(stepId: string): TStepSeries {
    let s = this.stepSeries.get(stepId);
    if (!s) {
      const { flowId, environmentId, flowName, environmentKey } = this.ctx;
      s = {
        rollup: this.deps.rollup.handle(flowId, environmentId, stepId),
        duration: this.deps.prom.stepDuration.labels(flowName, environmentKey, stepId),
        counters: {},
      };
      this.stepSeries.set(stepId, s);
    }
    return s;
  }

  private async onDeadLetter(d: TDeadLetter): Promise<void> {
    // A run cut short by shutdown is not a failure of the message: let it be redelivered instead.
    if (this.hard.signal.aborted) throw new Error("run aborted by shutdown");
    await persistDeadLetter(this.deps.pool, this.ctx, d);
    this.deps.prom.deadLetters.inc({ flow: this.ctx.flowName, env: this.ctx.environmentKey });
    this.log().warn(
      {
        flow: this.ctx.flowName,
        env: this.ctx.environmentKey,
        messageId: d.originalMessage.id,
        step: d.failedStep,
        err: d.error,
      },
      "message sent to the dead letter channel",
    );
    const now = Date.now();
    if (now - this.lastAlertCheck > 1_000) {
      this.lastAlertCheck = now;
      void checkDlqAlert(this.deps.pool, this.ctx, this.deps.dlqAlertThreshold, this.deps.log).catch((e: unknown) =>
        this.log().warn({ err: String(e) }, "DLQ alert check failed"),
      );
    }
  }
}
