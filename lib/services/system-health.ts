import "server-only";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";

export type HealthReport = {
  status: "ok" | "degraded";
  web: { status: "ok"; uptimeSeconds: number };
  database: { status: "ok" | "down"; latencyMs?: number; error?: string };
};

export async function checkHealth(): Promise<HealthReport> {
  const web = { status: "ok" as const, uptimeSeconds: Math.round(process.uptime()) };
  const started = performance.now();
  try {
    await db().$queryRaw`SELECT 1`;
    return { status: "ok", web, database: { status: "ok", latencyMs: Math.round(performance.now() - started) } };
  } catch (error) {
    logger().error({ err: error }, "health check: database unreachable");
    return { status: "degraded", web, database: { status: "down", error: "database unreachable" } };
  }
}
