import type pg from "pg";
import type { TLimitStore, TPlanLimits } from "@/lib/apis/limits-types";
import type { TLog } from "@/lib/engine/runtime/context";
import { decide, type TQuotaPeriod } from "./decide";

export type TPostgresLimitOptions = {
  pool: pg.Pool;
  log: TLog;
  /** How often old quota windows are deleted (ms); 0 turns pruning off. */
  pruneEveryMs?: number;
};

/** Windows older than this are deleted by the pruner (a window is never read once it has ended). */
const KEEP_ENDED = { minute: "1 hour", day: "2 days", month: "62 days" } as const;

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Limits in Postgres, exact across any number of gateway processes: each check runs in one
 * transaction that first locks the consumer's ApiRateState row, so checks for one consumer are
 * serialized by the database; every statement after the lock sees the previous holder's committed
 * counts (READ COMMITTED takes a fresh snapshot per statement); and the time is the database's
 * clock_timestamp() read under the lock, so the windows and the bucket never depend on a gateway's
 * clock.
 *
 * Two round trips, the lock held for one of them: (1) BEGIN, create the state row if new, lock it, read
 * the clock, TAT and current windows' counts; decide in JS; (2) count it and move the TAT, COMMIT — or
 * ROLLBACK when refused, so a refusal writes nothing. The statements are sent as one simple-query
 * string each (a parameterised query cannot hold several); the only text interpolated is the consumer
 * key as an escaped literal and numbers.
 *
 * The transaction commits with synchronous_commit off (as the engine's claim and ack pools do): the
 * lock is released without waiting for a WAL flush, which is most of a check's cost on ordinary disks.
 * Other sessions see the commit at once, so exactness between gateways holds; only a database crash
 * can forget the last fraction of a second of counts.
 */
export function createPostgresLimitStore(opts: TPostgresLimitOptions): TLimitStore {
  const { pool, log } = opts;
  let pruner: NodeJS.Timeout | null = null;
  const pruneEveryMs = opts.pruneEveryMs ?? 10 * 60_000;

  async function prune(): Promise<void> {
    try {
      await pool.query(
        `DELETE FROM "ApiQuotaCounter" WHERE
           ("period" = 'minute' AND "windowStart" < (clock_timestamp() AT TIME ZONE 'UTC') - interval '${KEEP_ENDED.minute}') OR
           ("period" = 'day' AND "windowStart" < (clock_timestamp() AT TIME ZONE 'UTC') - interval '${KEEP_ENDED.day}') OR
           ("period" = 'month' AND "windowStart" < (clock_timestamp() AT TIME ZONE 'UTC') - interval '${KEEP_ENDED.month}')`,
      );
    } catch (error) {
      log.warn({ err: String(error) }, "pruning old API quota windows failed");
    }
  }
  if (pruneEveryMs > 0) {
    pruner = setInterval(() => void prune(), pruneEveryMs);
    pruner.unref();
  }

  return {
    kind: "postgres",

    async consume(consumerKey: string, plan: TPlanLimits) {
      const key = lit(consumerKey);
      const client = await pool.connect();
      let open = false;
      try {
        open = true;
        const results = (await client.query(
          `BEGIN;
           SET LOCAL synchronous_commit = off;
           INSERT INTO "ApiRateState" ("key", "tatMs", "updatedAt") VALUES (${key}, 0, clock_timestamp() AT TIME ZONE 'UTC') ON CONFLICT DO NOTHING;
           SELECT "tatMs" FROM "ApiRateState" WHERE "key" = ${key} FOR UPDATE;
           WITH n AS (SELECT date_trunc('milliseconds', clock_timestamp() AT TIME ZONE 'UTC') AS ts)
           SELECT (extract(epoch FROM n.ts) * 1000)::float8 AS "nowMs", c."period", c."count"
             FROM n LEFT JOIN "ApiQuotaCounter" c ON c."key" = ${key} AND (
               (c."period" = 'minute' AND c."windowStart" = date_trunc('minute', n.ts)) OR
               (c."period" = 'day' AND c."windowStart" = date_trunc('day', n.ts)) OR
               (c."period" = 'month' AND c."windowStart" = date_trunc('month', n.ts)))`,
        )) as unknown as pg.QueryResult[];
        const tatRow = results[3].rows[0] as { tatMs: number } | undefined;
        const rows = results[4].rows as { nowMs: number; period: TQuotaPeriod | null; count: number | null }[];
        const counts: Partial<Record<TQuotaPeriod, number>> = {};
        for (const r of rows) if (r.period) counts[r.period] = r.count ?? 0;
        const outcome = decide(plan, { nowMs: Number(rows[0].nowMs), tatMs: Number(tatRow?.tatMs ?? 0), counts });

        if (!outcome.consume) {
          await client.query("ROLLBACK");
          open = false;
          return outcome.decision;
        }
        const writes: string[] = [];
        if (outcome.consume.windows.length > 0) {
          const values = outcome.consume.windows
            .map((w) => `(${key}, '${w.period}', to_timestamp(${w.startMs} / 1000.0) AT TIME ZONE 'UTC', 1)`)
            .join(", ");
          writes.push(
            `INSERT INTO "ApiQuotaCounter" ("key", "period", "windowStart", "count") VALUES ${values}
             ON CONFLICT ("key", "period", "windowStart") DO UPDATE SET "count" = "ApiQuotaCounter"."count" + 1`,
          );
        }
        if (outcome.consume.tatMs != null) {
          writes.push(
            `UPDATE "ApiRateState" SET "tatMs" = ${outcome.consume.tatMs.toFixed(3)}, "updatedAt" = clock_timestamp() AT TIME ZONE 'UTC' WHERE "key" = ${key}`,
          );
        }
        writes.push("COMMIT");
        await client.query(writes.join(";\n"));
        open = false;
        return outcome.decision;
      } catch (error) {
        if (open) await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },

    async close() {
      if (pruner) clearInterval(pruner);
      pruner = null;
    },
  };
}
