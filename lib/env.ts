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
  RABBITMQ_URL: z.string().default("amqp://guest:guest@127.0.0.1:5672"),
  SIGNIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  SIGNIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(300),
  NEXT_RUNTIME: z.string().optional(),
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
  if (!url) throw new Error("DATABASE_URL is not set. Run `npm start`, which provides one, or set it (see .env.example).");
  return url;
}

/** For tests and the launcher, which set variables after first read. */
export function resetEnvCache(): void {
  cached = undefined;
}
