import type pg from "pg";
import type { AggregateStore } from "@/lib/engine/core/contracts";
import type { Message } from "@/lib/engine/core/message";
import { decodeMessage, encodeMessage } from "@/lib/engine/transports/codec";
import { withPgTransaction } from "@/lib/engine/transports/postgres/pool";

/**
 * AggregatePart rows for one aggregate step (`scope`). Adding a part and checking whether its group
 * is complete run in one transaction under a per-group advisory lock, so of two engines adding the
 * last parts at once exactly one releases the group.
 */
export function pgAggregateStore(pool: pg.Pool, scope: string): AggregateStore {
  return {
    add: (group, part, msg, size) =>
      withPgTransaction(pool, async (client) => {
        await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`aggregate:${scope}:${group}`]);
        // clock_timestamp(), not now(): the time the lock was got, so parts order as they were added.
        await client.query(
          `INSERT INTO "AggregatePart" ("scope", "groupKey", "partKey", "message", "size", "receivedAt") VALUES ($1, $2, $3, $4, $5, clock_timestamp()) ON CONFLICT DO NOTHING`,
          [scope, group, part, encodeMessage(msg), size],
        );
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "AggregatePart" WHERE "scope" = $1 AND "groupKey" = $2`,
          [scope, group],
        );
        if (rows[0].n < size) return null;
        const taken = await client.query<{ message: Buffer; receivedAt: Date; partKey: string }>(
          `DELETE FROM "AggregatePart" WHERE "scope" = $1 AND "groupKey" = $2 RETURNING "message", "receivedAt", "partKey"`,
          [scope, group],
        );
        return inArrivalOrder(taken.rows);
      }),

    async takeExpired(olderThanMs) {
      const { rows } = await pool.query<{ groupKey: string; message: Buffer; receivedAt: Date; partKey: string }>(
        `DELETE FROM "AggregatePart" WHERE "scope" = $1 AND "groupKey" IN (
           SELECT "groupKey" FROM "AggregatePart" WHERE "scope" = $1 GROUP BY "groupKey"
           HAVING min("receivedAt") < now() - make_interval(secs => $2::float8 / 1000))
         RETURNING "groupKey", "message", "receivedAt", "partKey"`,
        [scope, olderThanMs],
      );
      const groups = new Map<string, typeof rows>();
      for (const r of rows) groups.set(r.groupKey, [...(groups.get(r.groupKey) ?? []), r]);
      return [...groups.values()].map(inArrivalOrder);
    },
  };
}

function inArrivalOrder(rows: { message: Buffer; receivedAt: Date; partKey: string }[]): Message[] {
  return [...rows]
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.partKey.localeCompare(b.partKey))
    .map((r) => decodeMessage(r.message));
}

/**
 * Parts far past any completion timeout belong to deployments that no longer run (a running one
 * releases its groups when they time out); housekeeping drops them after `olderThanMs`.
 */
export async function purgeAggregateParts(pool: pg.Pool, olderThanMs: number): Promise<number> {
  const r = await pool.query(
    `DELETE FROM "AggregatePart" WHERE "receivedAt" < now() - make_interval(secs => $1::float8 / 1000)`,
    [olderThanMs],
  );
  return r.rowCount ?? 0;
}
