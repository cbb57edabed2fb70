import os from "node:os";
import type { Registry } from "@/lib/engine/core/registry";
import { startApiGateway, type TApiGatewayHandle } from "@/lib/engine/gateway/api/start";
import { RetirementCache } from "@/lib/engine/gateway/retirements";
import { Gateway } from "@/lib/engine/gateway/server";
import { createPromMetrics } from "@/lib/engine/metrics/prometheus";
import { createEvaluator } from "@/lib/engine/sandbox/evaluator";
import { Scheduler, type TJob } from "@/lib/engine/scheduler/scheduler";
import {
  createPgPool,
  createTransport,
  PgListener,
  type Transport,
  type TTransportKind,
} from "@/lib/engine/transports";
import type pg from "pg";
import type { TLog, TRetention } from "./context";
import { EngineRuntime } from "./runtime";

export type TEngineConfig = {
  databaseUrl: string;
  transport: TTransportKind;
  rabbitUrl: string;
  gatewayHost: string;
  /** 0 picks a free port (tests). */
  gatewayPort: number;
  gatewayMaxBytes: number;
  gatewaySyncTimeoutMs: number;
  dlqAlertThreshold: number;
  retention: TRetention;
  /** Runs older than this leave lineage (default 30). */
  lineageRetentionDays?: number;
  pollMs: number;
  metricsFlushMs: number;
  graceMs: number;
  log: TLog;
  /** Tests pass a clone with extra components. */
  registry?: Registry;
  engineId?: string;
  poolSize?: number;
  pgVisibilityMs?: number;
  /** The portal's public URL, for the gateway's problem types (AUTH_URL). */
  publicBaseUrl?: string;
  /** How often deprecations and brownout windows are reloaded for the gateway (default 10 s). */
  brownoutRefreshMs?: number;
  /** Scheduler tick (CAB reminders, automatic rollback); 0 or unset: no scheduler (tests opt in). */
  schedulerTickMs?: number;
  /** The jobs, built with the engine's pool (lib/engine-process/jobs.ts wires the services' jobs). */
  schedulerJobs?: (deps: { pool: pg.Pool; log: TLog }) => TJob[];
  /** The API gateway's listener (0: a free port); unset, the engine serves no APIs. */
  apiGatewayPort?: number;
  apiGatewayHost?: string;
  /** Its public base URL, for successor-version links (default: the request's Host). */
  apiGatewayPublicUrl?: string;
  /** Fallback reload of API deployments, keys and plans; NOTIFY switchboard_apis is the fast path (default 5 s). */
  apiRefreshMs?: number;
  /** How often API analytics are written (default 10 s). */
  apiAnalyticsFlushMs?: number;
  /** Rate limits and quotas in Redis when set, in Postgres otherwise. */
  redisUrl?: string;
  /** Tests keep their Redis keys apart. */
  redisKeyPrefix?: string;
  /** Hard bound on one API backend call (default 120 s). */
  apiBackendTimeoutMs?: number;
};

export type TEngine = {
  runtime: EngineRuntime;
  transport: Transport;
  /** Deprecations and brownout windows as the gateway sees them; `refresh()` reloads them now. */
  retirements: RetirementCache;
  /** Null when the config disabled it. */
  scheduler: Scheduler | null;
  port: number;
  /** The API gateway; null when apiGatewayPort is unset. */
  api: TApiGatewayHandle | null;
  apiPort: number | null;
  engineId: string;
  /** Graceful: gateway stops accepting, in-flight work finishes (or is returned), everything closes. */
  stop(): Promise<void>;
};

/** Boots one engine: pool, LISTEN connection, transport, runtime (deployments) and the gateway. */
export async function startEngine(cfg: TEngineConfig): Promise<TEngine> {
  const engineId = cfg.engineId ?? `${os.hostname()}-${process.pid}`;
  const pool = createPgPool(cfg.databaseUrl, cfg.poolSize ?? 8);
  const fastPool = createPgPool(cfg.databaseUrl, 4, { asyncCommit: true, applicationName: "switchboard-engine-fast" });
  const listener = new PgListener(cfg.databaseUrl, cfg.log);
  const transport = await createTransport({
    kind: cfg.transport,
    pool,
    fastPool,
    listener,
    rabbitUrl: cfg.rabbitUrl,
    workerId: engineId,
    visibilityMs: cfg.pgVisibilityMs,
    log: cfg.log,
  });
  const evaluator = createEvaluator();
  const prom = createPromMetrics();
  const runtime = new EngineRuntime({
    pool,
    fastPool,
    listener,
    transport,
    registry: cfg.registry ?? (await import("@/lib/engine/components")).createRegistry(),
    prom,
    log: cfg.log,
    evaluator,
    retention: cfg.retention,
    lineageRetentionMs: (cfg.lineageRetentionDays ?? 30) * 86_400_000,
    dlqAlertThreshold: cfg.dlqAlertThreshold,
    pollMs: cfg.pollMs,
    metricsFlushMs: cfg.metricsFlushMs,
    graceMs: cfg.graceMs,
    databaseUrl: cfg.databaseUrl,
  });
  const retirements = new RetirementCache(pool, { refreshMs: cfg.brownoutRefreshMs ?? 10_000, log: cfg.log });
  const gateway = new Gateway({
    runtime,
    transport,
    pool,
    prom,
    log: cfg.log,
    maxBytes: cfg.gatewayMaxBytes,
    defaultTimeoutMs: cfg.gatewaySyncTimeoutMs,
    host: cfg.gatewayHost,
    port: cfg.gatewayPort,
    publicBaseUrl: cfg.publicBaseUrl,
    retirements,
  });
  // What a failed start undoes, whichever step failed (a gateway already listening is closed first).
  const release = async () => {
    retirements.stop();
    await runtime.shutdown().catch(() => undefined);
    await transport.close().catch(() => undefined);
    await listener.close();
    await evaluator.close();
    await pool.end();
    await fastPool.end();
  };
  try {
    await runtime.start();
    await retirements.start();
  } catch (error) {
    await release();
    throw error;
  }
  let port: number;
  try {
    port = await gateway.listen();
  } catch (error) {
    await release();
    throw new Error(
      `The engine gateway could not listen on ${cfg.gatewayHost}:${cfg.gatewayPort} (${error instanceof Error ? error.message : String(error)}); set ENGINE_GATEWAY_PORT to a free port.`,
    );
  }
  let api: TApiGatewayHandle | null = null;
  if (cfg.apiGatewayPort !== undefined) {
    try {
      api = await startApiGateway({
        pool,
        listener,
        workers: runtime,
        log: cfg.log,
        host: cfg.apiGatewayHost ?? cfg.gatewayHost,
        port: cfg.apiGatewayPort,
        publicBaseUrl: cfg.publicBaseUrl,
        gatewayBaseUrl: cfg.apiGatewayPublicUrl,
        refreshMs: cfg.apiRefreshMs ?? 5_000,
        analyticsFlushMs: cfg.apiAnalyticsFlushMs ?? 10_000,
        redisUrl: cfg.redisUrl,
        redisKeyPrefix: cfg.redisKeyPrefix,
        maxBytes: cfg.gatewayMaxBytes,
        backendTimeoutMs: cfg.apiBackendTimeoutMs ?? 120_000,
      });
    } catch (error) {
      await gateway.close().catch(() => undefined);
      await release();
      throw error;
    }
  }
  const scheduler = cfg.schedulerTickMs
    ? new Scheduler({
        pool,
        holder: engineId,
        jobs: cfg.schedulerJobs?.({ pool, log: cfg.log }) ?? [],
        tickMs: cfg.schedulerTickMs,
        log: cfg.log,
      })
    : null;
  scheduler?.start();
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      // First: a job must not start a rollback while the engine winds down; its leases go to another engine.
      await scheduler?.stop();
      await api?.stop();
      await gateway.close();
      retirements.stop();
      await runtime.shutdown();
      await transport.close();
      await listener.close();
      await evaluator.close();
      await pool.end();
      await fastPool.end();
    })());
  return { runtime, transport, retirements, scheduler, port, api, apiPort: api?.port ?? null, engineId, stop };
}
