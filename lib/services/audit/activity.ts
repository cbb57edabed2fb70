import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db } from "@/lib/db";

export type DailyActivity = { day: string; changes: number; signIns: number };

/** Audit entries per UTC day for the last `days` days, zero-filled, for the home page chart. */
export async function activityByDay(actor: Actor, days = 14, now = new Date()): Promise<DailyActivity[]> {
  assertCan(actor, "audit:read");
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
  const rows = await db().$queryRaw<{ day: Date; changes: bigint; sign_ins: bigint }[]>`
    SELECT date_trunc('day', "at" AT TIME ZONE 'UTC') AS day,
           count(*) FILTER (WHERE "action" <> 'auth.sign_in') AS changes,
           count(*) FILTER (WHERE "action" = 'auth.sign_in') AS sign_ins
    FROM "AuditEntry" WHERE "at" >= ${since} GROUP BY 1`;
  const byDay = new Map(rows.map((r) => [new Date(r.day).toISOString().slice(0, 10), r]));
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    const r = byDay.get(day);
    return { day, changes: Number(r?.changes ?? 0), signIns: Number(r?.sign_ins ?? 0) };
  });
}
