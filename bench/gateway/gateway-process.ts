// The engine's API gateway in its own process, as the engine starts it (route table, limit store,
// analytics, operations, key use, pino access log to stdout), without the flow runtime: the bench's
// API has an http backend only. Reports its port over IPC.
import { logger } from "@/lib/logger";
import { startApiGateway } from "@/lib/engine/gateway/api/start";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";

const cfg = JSON.parse(process.argv[2] ?? "{}") as { databaseUrl: string; redisUrl?: string; keyPrefix: string };
const pool = createPgPool(cfg.databaseUrl, 10, { applicationName: "switchboard-api-gateway-bench" });
const handle = await startApiGateway({
  pool,
  workers: { findWorker: () => undefined },
  log: logger().child({ component: "engine" }),
  host: "127.0.0.1",
  port: 0,
  refreshMs: 5_000,
  analyticsFlushMs: 10_000,
  redisUrl: cfg.redisUrl,
  redisKeyPrefix: cfg.keyPrefix,
  maxBytes: 1024 * 1024,
  backendTimeoutMs: 30_000,
});
process.send?.({ port: handle.port, store: handle.limits.kind });
process.on("disconnect", () => {
  void handle
    .stop()
    .then(() => pool.end())
    .finally(() => process.exit(0));
});
