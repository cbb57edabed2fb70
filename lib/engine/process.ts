// The engine process's body, shared by its entry points: runs the deployments the portal configured,
// the gateway, /metrics and /health and the scheduler; picks up changes via LISTEN/NOTIFY; stops
// gracefully on SIGTERM/SIGINT.
import type pg from "pg";
import { databaseUrl, env } from "@/lib/env";
import { logger } from "@/lib/logger";
import type { TLog } from "./runtime/context";
import { startEngine } from "./runtime/engine";
import type { TJob } from "./scheduler/scheduler";

/** The scheduled jobs, given the engine's pool: they come from the entry point (see lib/engine-process). */
export type TJobsFactory = (deps: { pool: pg.Pool; log: TLog }) => TJob[];

export async function runEngineProcess(jobs?: TJobsFactory): Promise<void> {
  const cfg = env();
  const log = logger().child({ component: "engine" });
  const engine = await startEngine({
    databaseUrl: databaseUrl(),
    transport: cfg.ENGINE_TRANSPORT,
    rabbitUrl: cfg.RABBITMQ_URL,
    gatewayHost: cfg.ENGINE_GATEWAY_HOST,
    gatewayPort: cfg.ENGINE_GATEWAY_PORT,
    gatewayMaxBytes: cfg.ENGINE_GATEWAY_MAX_BYTES,
    gatewaySyncTimeoutMs: cfg.ENGINE_GATEWAY_SYNC_TIMEOUT_MS,
    dlqAlertThreshold: cfg.ENGINE_DLQ_ALERT_THRESHOLD,
    retention: cfg.ENGINE_RETAIN_PAYLOADS,
    lineageRetentionDays: cfg.ENGINE_LINEAGE_RETENTION_DAYS,
    pollMs: cfg.ENGINE_POLL_INTERVAL_MS,
    metricsFlushMs: cfg.ENGINE_METRICS_FLUSH_MS,
    brownoutRefreshMs: cfg.ENGINE_BROWNOUT_REFRESH_MS,
    graceMs: cfg.ENGINE_SHUTDOWN_GRACE_MS,
    pgVisibilityMs: cfg.ENGINE_PG_VISIBILITY_MS,
    publicBaseUrl: cfg.AUTH_URL,
    apiGatewayPort: cfg.ENGINE_API_GATEWAY_PORT,
    apiGatewayHost: cfg.ENGINE_API_GATEWAY_HOST,
    apiRefreshMs: cfg.ENGINE_API_REFRESH_MS,
    apiAnalyticsFlushMs: cfg.ENGINE_API_ANALYTICS_FLUSH_MS,
    redisUrl: cfg.REDIS_URL,
    schedulerTickMs: jobs ? cfg.ENGINE_SCHEDULER_TICK_MS : 0,
    schedulerJobs: jobs,
    log,
  });
  log.info(
    {
      port: engine.port,
      apiPort: engine.apiPort,
      transport: engine.transport.kind,
      engineId: engine.engineId,
      deployments: engine.runtime.deploymentCount,
    },
    "engine ready",
  );

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals > 1) {
      log.warn({ signal }, "second signal: exiting now; unacked messages will be redelivered");
      process.exit(1);
    }
    log.info({ signal }, "shutting down: finishing in-flight messages");
    // Past the grace period plus time to close, in-flight work is abandoned (and redelivered).
    setTimeout(() => {
      log.error({}, "shutdown took too long; exiting");
      process.exit(1);
    }, cfg.ENGINE_SHUTDOWN_GRACE_MS + 10_000).unref();
    engine.stop().then(
      () => {
        log.info({}, "engine stopped");
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: String(error) }, "engine shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

export function runOrExit(run: Promise<void>): void {
  run.catch((error: unknown) => {
    logger().fatal({ err: error instanceof Error ? error.message : String(error) }, "engine failed to start");
    process.exit(1);
  });
}
