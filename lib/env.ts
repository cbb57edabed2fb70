import { z } from "zod";

// The only module that reads process.env (enforced by lint). Parsed lazily so `next build`
// and tooling can import modules without a full runtime environment.
const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  AUTH_SECRET: z.string().min(32).optional(),
  AUTH_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SWITCHBOARD_DATA_DIR: z.string().default(".data"),
  SWITCHBOARD_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  AUTH_TRUST_HOST: z.enum(["true", "false"]).optional(),
  NEXT_DIST_DIR: z.string().default(".next"),
  RABBITMQ_URL: z.string().default("amqp://guest:guest@127.0.0.1:5672"),
  ENGINE_TRANSPORT: z.enum(["postgres", "rabbitmq"]).default("postgres"),
  ENGINE_GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  ENGINE_GATEWAY_HOST: z.string().default("127.0.0.1"),
  ENGINE_GATEWAY_MAX_BYTES: z.coerce.number().int().positive().default(1_048_576),
  ENGINE_GATEWAY_SYNC_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  ENGINE_DLQ_ALERT_THRESHOLD: z.coerce.number().int().positive().default(10),
  ENGINE_RETAIN_PAYLOADS: z.enum(["none", "failed", "all"]).default("failed"),
  ENGINE_LINEAGE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  ENGINE_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(5_000),
  ENGINE_METRICS_FLUSH_MS: z.coerce.number().int().positive().default(10_000),
  ENGINE_BROWNOUT_REFRESH_MS: z.coerce.number().int().min(1_000).default(10_000),
  // The API gateway (API products, keys, limits): its own listener beside the flow gateway.
  ENGINE_API_GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  ENGINE_API_GATEWAY_HOST: z.string().default("127.0.0.1"),
  ENGINE_API_REFRESH_MS: z.coerce.number().int().min(100).default(5_000),
  ENGINE_API_ANALYTICS_FLUSH_MS: z.coerce.number().int().min(100).default(10_000),
  // Rate-limit and quota counters live here when set (atomic Lua scripts); in Postgres otherwise.
  REDIS_URL: z.string().url().optional(),
  ENGINE_SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(8_000),
  ENGINE_PG_VISIBILITY_MS: z.coerce.number().int().min(1_000).default(30_000),
  // How often the engine's scheduler (CAB reminders, automatic rollback) checks its jobs; 0 disables it.
  ENGINE_SCHEDULER_TICK_MS: z.coerce.number().int().min(0).default(15_000),
  // Demo systems (ERP/CRM/EDI partner, lib/engine/demo): on by default in `npm start`; "off" disables them.
  SWITCHBOARD_DEMO: z.enum(["on", "off"]).default("on"),
  SWITCHBOARD_DEMO_PORT: z.coerce.number().int().min(1).max(65535).default(4100),
  SWITCHBOARD_DEMO_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
  SIGNIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  // Reverse proxies in front of the web that append to X-Forwarded-For (0: clients connect directly).
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  SIGNIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(300),
  NEXT_RUNTIME: z.string().optional(),
  // Test-only clock (attestation expiry in e2e): honoured only outside production or with ALLOW_TEST_CLOCK=1.
  SWITCHBOARD_CLOCK_OFFSET_DAYS: z.coerce.number().default(0),
  ALLOW_TEST_CLOCK: z.enum(["0", "1"]).default("0"),
  /** The catalog flags a declared interface as possibly dead after this many days without traffic. */
  CATALOG_DEAD_AFTER_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /**
   * Key-encryption key for tokenization keys (32 bytes, base64 or 64 hex digits). Required in production;
   * elsewhere, unset, one is derived from AUTH_SECRET. Read where used (readEnvSecret, as secrets are), so
   * a wrong value fails tokenization with its own message rather than the whole boot.
   */
  SWITCHBOARD_TOKEN_KEK: z.string().optional(),
});

export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

export function env(): TEnv {
  if (cached) return cached;
  const parsed = ZEnv.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}\nFix these variables (see .env.example).`);
  }
  cached = parsed.data;
  return cached;
}

export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url)
    throw new Error("DATABASE_URL is not set. Run `npm start`, which provides one, or set it (see .env.example).");
  return url;
}

/** The test clock must never move time in a real production deployment; the e2e server opts in explicitly. */
export function testClockEnabled(): boolean {
  const e = env();
  return e.NODE_ENV !== "production" || e.ALLOW_TEST_CLOCK === "1";
}

/**
 * A secret a SecretReference with provider "env" points at: read from the process environment by the
 * name the reference stores, at activation, never cached or logged.
 */
export function readEnvSecret(name: string): string | undefined {
  const value = process.env[name];
  return value === "" ? undefined : value;
}

/** For tests and the launcher, which set variables after first read. */
export function resetEnvCache(): void {
  cached = undefined;
}
