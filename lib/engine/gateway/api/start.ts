import type pg from "pg";
import type { TLimitStore } from "@/lib/apis/limits-types";
import { createLimitStore } from "@/lib/engine/gateway/limits";
import type { TLog } from "@/lib/engine/runtime/context";
import { ApiAnalytics } from "./analytics";
import type { TFlowWorkers } from "./flow-backend";
import { KeyUsage } from "./key-usage";
import { ApiOperations } from "./operations";
import { RouteTable, type TNotifications } from "./route-table";
import { ApiGateway } from "./server";

export type TApiGatewayConfig = {
  pool: pg.Pool;
  /** The engine's LISTEN connection; the table reloads on NOTIFY switchboard_apis. */
  listener?: TNotifications;
  workers: TFlowWorkers;
  log: TLog;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  publicBaseUrl?: string;
  gatewayBaseUrl?: string;
  /** Fallback reload of deployments, keys and plans (NOTIFY is the fast path). */
  refreshMs: number;
  analyticsFlushMs: number;
  /** Set: rate limits and quotas live in Redis; otherwise in Postgres. */
  redisUrl?: string;
  /** Redis key prefix for the limit store (tests use their own). */
  redisKeyPrefix?: string;
  maxBytes: number;
  backendTimeoutMs: number;
  /** Plain-http callbacks beyond localhost (never in production). */
  allowHttpCallbacks?: boolean;
};

export type TApiGatewayHandle = {
  gateway: ApiGateway;
  /** `refresh()` reloads deployments, keys and consumers now (tests; NOTIFY does it in production). */
  routes: RouteTable;
  limits: TLimitStore;
  analytics: ApiAnalytics;
  operations: ApiOperations;
  port: number;
  /** Stops listening (in-flight requests finish), then flushes analytics and key use and closes the stores. */
  stop(): Promise<void>;
};

/** Builds and starts the API gateway with its parts: route table, limit store, analytics, operations, key use. */
export async function startApiGateway(cfg: TApiGatewayConfig): Promise<TApiGatewayHandle> {
  // The engine's pino logger, as a child naming this listener (tests pass plain loggers).
  const log = (cfg.log as TLog & { child?: (b: object) => TLog }).child?.({ listener: "api-gateway" }) ?? cfg.log;
  const routes = new RouteTable(cfg.pool, { refreshMs: cfg.refreshMs, log, listener: cfg.listener });
  const limits = await createLimitStore({
    redisUrl: cfg.redisUrl,
    pool: cfg.pool,
    log,
    keyPrefix: cfg.redisKeyPrefix,
  });
  const analytics = new ApiAnalytics(cfg.pool, { flushMs: cfg.analyticsFlushMs, log });
  const operations = new ApiOperations(cfg.pool, {
    log,
    publicBaseUrl: cfg.publicBaseUrl,
    allowHttpCallbacks: cfg.allowHttpCallbacks,
  });
  const keyUsage = new KeyUsage(cfg.pool, { flushMs: Math.min(cfg.analyticsFlushMs, 60_000), log });
  const gateway = new ApiGateway({
    routes,
    workers: cfg.workers,
    limits,
    analytics,
    operations,
    keyUsage,
    log,
    host: cfg.host,
    port: cfg.port,
    publicBaseUrl: cfg.publicBaseUrl,
    gatewayBaseUrl: cfg.gatewayBaseUrl,
    maxBytes: cfg.maxBytes,
    backendTimeoutMs: cfg.backendTimeoutMs,
  });
  const closeParts = async () => {
    routes.stop();
    await operations.stop().catch(() => undefined);
    await analytics.stop().catch(() => undefined);
    await keyUsage.stop();
    await limits.close().catch(() => undefined);
  };
  let port: number;
  try {
    await routes.start();
    keyUsage.start();
    port = await gateway.listen();
  } catch (error) {
    await gateway.close().catch(() => undefined);
    await closeParts();
    throw new Error(
      `The API gateway could not start on ${cfg.host}:${cfg.port} (${error instanceof Error ? error.message : String(error)}); set ENGINE_API_GATEWAY_PORT to a free port.`,
    );
  }
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await gateway.close();
      await closeParts();
    })());
  return { gateway, routes, limits, analytics, operations, port, stop };
}
