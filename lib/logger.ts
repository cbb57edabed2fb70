import pino from "pino";
import { env } from "@/lib/env";

// Paths that may carry secrets; pino replaces them before anything is written.
export const REDACT_PATHS = [
  "password",
  "passwordHash",
  "*.password",
  "*.passwordHash",
  "secret",
  "*.secret",
  "token",
  "*.token",
  "apiKey",
  "*.apiKey",
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
  "DATABASE_URL",
  "AUTH_SECRET",
];

const holder = globalThis as typeof globalThis & { __switchboardLogger?: pino.Logger };

export function logger(): pino.Logger {
  holder.__switchboardLogger ??= pino({
    level: env().LOG_LEVEL,
    base: { service: "switchboard" },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
  return holder.__switchboardLogger;
}

export function requestLogger(requestId: string | null | undefined): pino.Logger {
  return requestId ? logger().child({ requestId }) : logger();
}
