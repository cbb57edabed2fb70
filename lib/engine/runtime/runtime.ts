import type pg from "pg";
import { CircuitBreakers } from "@/lib/engine/core/circuit-breakers";
import type { Evaluator } from "@/lib/engine/core/contracts";
import type { Message } from "@/lib/engine/core/message";
import type { Registry } from "@/lib/engine/core/registry";
import type { TPromMetrics } from "@/lib/engine/metrics/prometheus";
import { DependencyAggregator } from "@/lib/engine/metrics/dependencies";
import { backlogPerFlow, recordQueueDepths, type TQueueReading } from "@/lib/engine/metrics/queue-depth";
import { API_ANALYTICS_RETENTION_MS, purgeApiCallMinutes } from "@/lib/engine/gateway/api/analytics";
import { MinuteRollup, purgeMetricMinutes } from "@/lib/engine/metrics/rollup";
import type { PgListener } from "@/lib/engine/transports/postgres/listener";
import type { Transport } from "@/lib/engine/transports/types";
import type { TLog, TRetention, TRunContext } from "./context";
import { checkDlqAlert, dlqDepths, resolveDrainedDlqAlerts } from "./dead-letters";
import { LapseWatch } from "./attestation-gate";
import {
  loadActiveDeployments,
  loadVersion,
  markActivated,
  reportActualState,
  type TDeploymentRow,
} from "./deployments";
import { checkActivation } from "./governance";
import { RefusalReporter } from "./refusal-audit";
import { resolveSpecConfig } from "./resolve-config";
import { purgeAggregateParts } from "./aggregate-store";
import { purgeIdempotencyKeys } from "./idempotency";
import { LineageWriter, purgeLineage } from "./lineage";
import { processReplays, REPLAY_CHANNEL, type TReplayRow } from "./replay";
import { DeploymentWorker } from "./worker";
import { createQualityServices, type TQualityServices } from "./quality";
import { ZFlowSpec } from "@/lib/validation/flow-spec";

export const DEPLOYMENTS_CHANNEL = "switchboard_deployments";

/** Idempotency keys are kept this long (above the longest dedupe window, 30 days); so are parts of aggregate groups no running deployment released. */
const IDEMPOTENCY_RETENTION_MS = 31 * 86_400_000;
const HOUSEKEEPING_MS = 10 * 60_000;
/** Minute rollups behind the flow charts (a week at most) are kept a quarter, for reports. */
const METRICS_RETENTION_MS = 90 * 86_400_000;
/** An ad-hoc replay runner nobody used for this long is stopped. */
const ADHOC_IDLE_MS = 10 * 60_000;

export type TRuntimeOptions = {
  /** Durable writes: dead letters, alerts, deployment state, sinks. */
  pool: pg.Pool;
  /** Lineage and metrics: losing the last moments of these in a database crash is acceptable. */
  fastPool?: pg.Pool;
  listener: PgListener;
  transport: Transport;
  registry: Registry;
  prom: TPromMetrics;
  log: TLog;
  evaluator?: Evaluator;
  retention: TRetention;
  /** Message runs older than this are deleted by housekeeping. */
  lineageRetentionMs: number;
  dlqAlertThreshold: number;
  /** Polling fallback for deployment changes and replays when a NOTIFY is missed. */
  pollMs: number;
  metricsFlushMs: number;
  graceMs: number;
  /** The engine's database URL: names the engine's own database in observed postgres dependencies. */
  databaseUrl?: string;
};

/**
 * The engine's control loop: keeps one DeploymentWorker per active deployment in the state the
 * portal asked for (running/paused/stopped), picking changes up via LISTEN/NOTIFY with polling as
 * the fallback, re-publishes requested replays and flushes minute metrics.
 */
export class EngineRuntime {
  private readonly workers = new Map<string, DeploymentWorker>();
  private readonly lineage: LineageWriter;
  readonly rollup: MinuteRollup;
  /** Observed dependencies (which systems each flow talks to), flushed with the rollup. */
  readonly dependencies: DependencyAggregator;
  private readonly breakers = new CircuitBreakers();
  private timers: NodeJS.Timeout[] = [];
  private reconciling: Promise<void> | null = null;
  private reconcileAgain = false;
  private replaying: Promise<void> | null = null;
  private replayAgain = false;
  private stopped = false;
  /** Ephemeral workers for replays to a version that is not the active one. */
  private readonly adhoc = new Map<string, DeploymentWorker>();
  private readonly adhocUsedAt = new Map<string, number>();
  private readonly refusals: RefusalReporter;
  private readonly lapses: LapseWatch;

  constructor(private readonly opts: TRuntimeOptions) {
    this.lineage = new LineageWriter(opts.fastPool ?? opts.pool, opts.retention, opts.log);
    this.rollup = new MinuteRollup(opts.fastPool ?? opts.pool);
    this.dependencies = new DependencyAggregator(opts.fastPool ?? opts.pool, { log: opts.log });
    this.refusals = new RefusalReporter(opts.pool, opts.log);
    this.lapses = new LapseWatch(opts.pool, opts.log);
    this.quality = createQualityServices({
      pool: opts.pool,
      log: opts.log,
      listener: opts.listener,
      transport: opts.transport,
      pollMs: opts.pollMs,
    });
  }

  private readonly quality: TQualityServices;

  async start(): Promise<void> {
    const { listener } = this.opts;
    listener.on(DEPLOYMENTS_CHANNEL, () => void this.reconcile());
    listener.on(REPLAY_CHANNEL, () => void this.replays());
    listener.on("reconnected", () => {
      void this.reconcile();
      void this.replays();
    });
    await listener.listen(DEPLOYMENTS_CHANNEL);
    await listener.listen(REPLAY_CHANNEL);
    await this.reconcile();
    await this.replays();
    await this.quality.start();
    this.timers.push(
      setInterval(() => {
        void this.reconcile();
        void this.replays();
      }, this.opts.pollMs),
      setInterval(() => void this.flushMetrics(), this.opts.metricsFlushMs),
      setInterval(() => void this.housekeeping(), HOUSEKEEPING_MS),
    );
    for (const t of this.timers) t.unref();
  }

  /** Serialized: a change arriving mid-reconcile triggers one more pass afterwards. */
  reconcile(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.reconciling) {
      this.reconcileAgain = true;
      return this.reconciling;
    }
    this.reconciling = (async () => {
      do {
        this.reconcileAgain = false;
        try {
          await this.reconcileOnce();
        } catch (error) {
          this.opts.log.error({ err: String(error) }, "reconciling deployments failed; retrying on the next poll");
        }
      } while (this.reconcileAgain && !this.stopped);
    })().finally(() => (this.reconciling = null));
    return this.reconciling;
  }

  private async reconcileOnce(): Promise<void> {
    const rows = await loadActiveDeployments(this.opts.pool);
    const wanted = new Map(rows.map((r) => [r.id, r]));
    for (const [id, worker] of this.workers) {
      const row = wanted.get(id);
      if (!row || row.desiredState === "stopped") {
        await worker.stop();
        this.workers.delete(id);
        this.opts.log.info(
          { flow: worker.ctx.flowName, env: worker.ctx.environmentKey, deployment: id },
          "deployment stopped",
        );
        if (row) await reportActualState(this.opts.pool, id, "stopped");
      }
    }
    for (const row of rows) {
      if (this.stopped) return;
      if (row.desiredState === "stopped") {
        if (row.actualState !== "stopped") await reportActualState(this.opts.pool, row.id, "stopped");
        continue;
      }
      await this.apply(row);
    }
    this.opts.prom.deployments.reset();
    for (const w of this.workers.values()) this.opts.prom.deployments.inc({ state: w.state });
  }

  private async apply(row: TDeploymentRow): Promise<void> {
    let worker = this.workers.get(row.id);
    if (!worker) {
      // Governance (the CAB's change, attestation, config resolution) gates activation only.
      const gate = await checkActivation(this.opts.pool, row, this.opts.registry);
      if (!gate.ok) return this.refusals.refuse(row, gate.reason);
      worker = new DeploymentWorker(
        row.id,
        {
          flowId: row.flowId,
          flowName: row.flowName,
          flowVersionId: row.flowVersionId,
          environmentId: row.environmentId,
          environmentKey: row.environmentKey,
        },
        gate.spec,
        this.workerDeps(),
      );
      this.workers.set(row.id, worker);
    }
    try {
      if (row.desiredState === "running" && worker.state !== "running") {
        await worker.start();
        if (!row.activatedAt) await markActivated(this.opts.pool, row.id);
        this.opts.log.info(
          { flow: row.flowName, env: row.environmentKey, version: row.version, deployment: row.id },
          "deployment running",
        );
      } else if (row.desiredState === "paused" && worker.state === "running") {
        await worker.pause();
        this.opts.log.info({ flow: row.flowName, env: row.environmentKey, deployment: row.id }, "deployment paused");
      }
      await this.lapses.check(row);
      const actual = worker.state === "stopped" ? "paused" : worker.state;
      if (row.actualState !== actual) await reportActualState(this.opts.pool, row.id, actual);
    } catch (error) {
      this.opts.log.error(
        { err: String(error), flow: row.flowName, env: row.environmentKey, deployment: row.id },
        "deployment failed to start",
      );
      await worker.stop().catch(() => undefined);
      this.workers.delete(row.id);
      await reportActualState(this.opts.pool, row.id, "failed", error instanceof Error ? error.message : String(error));
    }
  }

  private workerDeps() {
    const o = this.opts;
    return {
      pool: o.pool,
      transport: o.transport,
      registry: o.registry,
      breakers: this.breakers,
      lineage: this.lineage,
      prom: o.prom,
      rollup: this.rollup,
      dependencies: this.dependencies,
      databaseUrl: o.databaseUrl,
      log: o.log,
      evaluator: o.evaluator,
      dlqAlertThreshold: o.dlqAlertThreshold,
      graceMs: o.graceMs,
      quality: (ctx: TRunContext) => this.quality.forDeployment(ctx),
    };
  }

  /** The worker serving flow `name` in environment `envKey`, if one is deployed (running or paused). */
  findWorker(flowName: string, envKey: string): DeploymentWorker | undefined {
    for (const w of this.workers.values()) if (w.ctx.flowName === flowName && w.ctx.environmentKey === envKey) return w;
    return undefined;
  }

  /** The worker whose http input declares `path` (e.g. /orders), if any. */
  findWorkerByPath(path: string): DeploymentWorker | undefined {
    for (const w of this.workers.values()) if (w.isHttpInput && w.http.path === path) return w;
    return undefined;
  }

  get deploymentCount(): number {
    return this.workers.size;
  }

  replays(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.replaying) {
      this.replayAgain = true;
      return this.replaying;
    }
    this.replaying = (async () => {
      do {
        this.replayAgain = false;
        try {
          while (
            (await processReplays(this.opts.pool, (row, msg) => this.dispatchReplay(row, msg))) > 0 &&
            !this.stopped
          );
        } catch (error) {
          this.opts.log.error({ err: String(error) }, "processing replays failed; retrying on the next poll");
        }
      } while (this.replayAgain && !this.stopped);
    })().finally(() => (this.replaying = null));
    return this.replaying;
  }

  /**
   * To the active deployment's direct queue when it runs the requested version (or none was asked
   * for); to an ad-hoc runner of the requested version otherwise, so a fix in a newer version that
   * is not deployed yet can still be tried on the dead letters.
   */
  private async dispatchReplay(row: TReplayRow, msg: Message): Promise<void> {
    const active = [...this.workers.values()].find(
      (w) => w.ctx.flowId === row.flowId && w.ctx.environmentId === row.environmentId,
    );
    if (active && (!row.replayFlowVersionId || row.replayFlowVersionId === active.ctx.flowVersionId)) {
      await this.opts.transport.publish(active.directQueue, msg);
      this.opts.log.info(
        { deadLetter: row.id, flow: active.ctx.flowName, env: active.ctx.environmentKey, messageId: msg.id },
        "dead letter replayed",
      );
      return;
    }
    const versionId = row.replayFlowVersionId ?? row.flowVersionId;
    const worker = await this.adhocWorker(versionId, row.environmentId);
    await worker.process(msg);
    this.opts.log.info(
      { deadLetter: row.id, flow: worker.ctx.flowName, version: versionId, messageId: msg.id },
      "dead letter replayed on a version that is not deployed",
    );
  }

  private async adhocWorker(flowVersionId: string, environmentId: string): Promise<DeploymentWorker> {
    const key = `${flowVersionId}:${environmentId}`;
    this.adhocUsedAt.set(key, Date.now());
    const cached = this.adhoc.get(key);
    if (cached) return cached;
    const version = await loadVersion(this.opts.pool, flowVersionId);
    if (!version) throw new Error(`flow version ${flowVersionId} does not exist`);
    const meta = await this.opts.pool.query<{ flowName: string; environmentKey: string }>(
      `SELECT f."name" AS "flowName", e."key" AS "environmentKey" FROM "Flow" f, "Environment" e WHERE f."id" = $1 AND e."id" = $2`,
      [version.flowId, environmentId],
    );
    const m = meta.rows[0];
    if (!m) throw new Error("the flow or environment of this dead letter no longer exists");
    const resolved = await resolveSpecConfig(
      this.opts.pool,
      ZFlowSpec.parse(version.spec),
      environmentId,
      m.environmentKey,
    );
    if (!resolved.ok) throw new Error(resolved.reason);
    const spec = resolved.spec;
    const worker = new DeploymentWorker(
      null,
      { flowId: version.flowId, flowName: m.flowName, flowVersionId, environmentId, environmentKey: m.environmentKey },
      spec,
      this.workerDeps(),
    );
    // No input: only replays run through it (lineage rows carry no deployment).
    await worker.startRunnerOnly();
    this.adhoc.set(key, worker);
    return worker;
  }

  /** Drops runs past lineage retention, old metric minutes, expired idempotency keys and abandoned aggregate parts, and stops ad-hoc replay runners nobody used for a while. */
  async housekeeping(now = Date.now()): Promise<void> {
    for (const [key, worker] of this.adhoc) {
      if (now - (this.adhocUsedAt.get(key) ?? 0) < ADHOC_IDLE_MS) continue;
      this.adhoc.delete(key);
      this.adhocUsedAt.delete(key);
      await worker
        .stop()
        .catch((e: unknown) => this.opts.log.warn({ err: String(e) }, "stopping an idle replay runner failed"));
    }
    try {
      const runs = await purgeLineage(this.opts.pool, this.opts.lineageRetentionMs);
      const minutes = await purgeMetricMinutes(this.opts.pool, METRICS_RETENTION_MS);
      const apiMinutes = await purgeApiCallMinutes(this.opts.pool, API_ANALYTICS_RETENTION_MS);
      if (runs || minutes || apiMinutes)
        this.opts.log.info({ runs, minutes, apiMinutes }, "message runs and metric minutes past retention dropped");
    } catch (error) {
      this.opts.log.warn({ err: String(error) }, "purging old message runs or metric minutes failed; retrying later");
    }
    try {
      const purged = await purgeIdempotencyKeys(this.opts.pool, IDEMPOTENCY_RETENTION_MS);
      if (purged) this.opts.log.info({ purged }, "expired idempotency keys dropped");
      const parts = await purgeAggregateParts(this.opts.pool, IDEMPOTENCY_RETENTION_MS);
      if (parts) this.opts.log.warn({ parts }, "aggregate parts of groups no running deployment released were dropped");
    } catch (error) {
      this.opts.log.warn({ err: String(error) }, "purging idempotency keys or aggregate parts failed; retrying later");
    }
  }

  /**
   * On every metrics interval: DLQ depth and alerts, then the backlog of each deployment's queues
   * (its queue input, if any, and its direct queue) measured on the transport itself, so RabbitMQ
   * queues are visible to the portal too. Both go into the minute rollup; the per-queue readings
   * are kept in QueueDepth for the flow page. Observed dependencies are added up on the same beat.
   */
  async flushMetrics(): Promise<void> {
    await this.dependencies
      .flush()
      .catch((error: unknown) =>
        this.opts.log.warn({ err: String(error) }, "observed dependencies flush failed; retrying on the next interval"),
      );
    try {
      const depths = await dlqDepths(this.opts.pool);
      const names = new Map([...this.workers.values()].map((w) => [`${w.ctx.flowId}|${w.ctx.environmentId}`, w]));
      this.opts.prom.dlqDepth.reset();
      for (const d of depths) {
        const w = names.get(`${d.flowId}|${d.environmentId}`);
        if (!w) continue;
        this.opts.prom.dlqDepth.set({ flow: w.ctx.flowName, env: w.ctx.environmentKey }, d.depth);
        // Catches growth the per-dead-letter (throttled) check skipped.
        if (d.depth >= this.opts.dlqAlertThreshold)
          await checkDlqAlert(this.opts.pool, w.ctx, this.opts.dlqAlertThreshold, this.opts.log);
      }
      await resolveDrainedDlqAlerts(this.opts.pool);
      const readings = await this.measureQueues();
      // A deployed flow without pending dead letters has depth 0, not "unknown": the chart must drop
      // to zero once the channel drains instead of repeating the last non-zero reading.
      const dlqOf = new Map(depths.map((d) => [`${d.flowId}|${d.environmentId}`, d.depth]));
      const dlq = [...names.entries()].map(([key, w]) => ({
        flowId: w.ctx.flowId,
        environmentId: w.ctx.environmentId,
        depth: dlqOf.get(key) ?? 0,
      }));
      await this.rollup.flush({ dlq, backlog: backlogPerFlow(readings) });
      await recordQueueDepths(this.opts.fastPool ?? this.opts.pool, this.opts.transport.kind, readings).catch(
        (error: unknown) =>
          this.opts.log.warn({ err: String(error) }, "recording queue depths failed; retrying on the next interval"),
      );
    } catch (error) {
      this.opts.log.warn({ err: String(error) }, "metrics flush failed; retrying on the next interval");
    }
  }

  /** Backlog of every queue the deployments consume; a queue the transport cannot measure now is left out. */
  private async measureQueues(): Promise<TQueueReading[]> {
    const readings: TQueueReading[] = [];
    for (const w of this.workers.values()) {
      const input = w.spec.input;
      const inputQueue = input.use === "queue" ? (input.config as { queue?: unknown }).queue : undefined;
      const queues =
        typeof inputQueue === "string" && inputQueue !== w.directQueue ? [inputQueue, w.directQueue] : [w.directQueue];
      for (const queue of queues) {
        const depth = await this.opts.transport.depth(queue).catch(() => null);
        if (depth === null) continue;
        this.opts.prom.queueDepth.set({ queue }, depth);
        readings.push({ queue, flowId: w.ctx.flowId, environmentId: w.ctx.environmentId, depth });
      }
    }
    return readings;
  }

  /**
   * Graceful stop: no new messages, in-flight ones finish within the grace period (or are aborted
   * and redelivered), lineage and metrics are flushed. The caller closes the transport and pool.
   */
  async shutdown(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    await this.reconciling?.catch(() => undefined);
    await this.replaying?.catch(() => undefined);
    await this.quality.stop();
    await Promise.allSettled([...this.workers.values(), ...this.adhoc.values()].map((w) => w.stop()));
    this.workers.clear();
    this.adhoc.clear();
    while (this.lineage.queued) await new Promise((r) => setTimeout(r, 10));
    this.lineage.close();
    await this.flushMetrics();
  }
}
