import pg from "pg";
import type { TLimitDecision, TLimitStore, TPlanLimits } from "@/lib/apis/limits-types";
import type { TLog } from "@/lib/engine/runtime/context";
import { bucketOf, decide, GCRA_EPSILON_MS, type TQuotaPeriod } from "./decide";

export type TPostgresLimitOptions = {
  pool: pg.Pool;
  log: TLog;
  /** How often old quota windows are deleted (ms); 0 turns pruning off. */
  pruneEveryMs?: number;
};

/** Windows older than this are deleted by the pruner (a window is never read once it has ended). */
const KEEP_ENDED = { minute: "1 hour", day: "2 days", month: "62 days" } as const;

/** Deletes quota windows that ended long ago (on the database's clock); returns how many. */
export async function prunePostgresLimitWindows(pool: pg.Pool): Promise<number> {
  const r = await pool.query(
    `DELETE FROM "ApiQuotaCounter" WHERE
       ("period" = 'minute' AND "windowStart" < (clock_timestamp() AT TIME ZONE 'UTC') - interval '${KEEP_ENDED.minute}') OR
       ("period" = 'day' AND "windowStart" < (clock_timestamp() AT TIME ZONE 'UTC') - interval '${KEEP_ENDED.day}') OR
       ("period" = 'month' AND "windowStart" < (clock_timestamp() AT TIME ZONE 'UTC') - interval '${KEEP_ENDED.month}')`,
  );
  return r.rowCount ?? 0;
}

/** pg's own quoting (handles backslashes under either standard_conforming_strings setting). */
const lit = (s: string) => pg.escapeLiteral(s);

/**
 * The decision under the lock: $1 key, $2 bucket interval ms, $3 burst (NULL: no bucket), $4–$6 the
 * minute/day/month limits (NULL: none). Reads the clock (to the ms, as UTC), the TAT and the current
 * windows' counts; admits when the GCRA and every window would (decide()'s formulas); only then counts
 * the request in each window and moves the TAT. Returns the state it read and whether it admitted.
 */
const PREPARE_DECIDE = `PREPARE sb_limit_decide(text, float8, float8, int, int, int) AS
  WITH n AS (SELECT date_trunc('milliseconds', clock_timestamp() AT TIME ZONE 'UTC') AS ts),
  nm AS (SELECT ts, (extract(epoch FROM ts) * 1000)::float8 AS ms FROM n),
  w AS (
    SELECT p.period, p.lim, p.start FROM nm, LATERAL (VALUES
      ('minute', $4, date_trunc('minute', nm.ts)),
      ('day', $5, date_trunc('day', nm.ts)),
      ('month', $6, date_trunc('month', nm.ts))) AS p(period, lim, start)
    WHERE p.lim IS NOT NULL),
  c AS (
    SELECT w.period, w.lim, w.start, coalesce(q."count", 0) AS cnt FROM w
      LEFT JOIN "ApiQuotaCounter" q ON q."key" = $1 AND q."period" = w.period AND q."windowStart" = w.start),
  d AS (
    SELECT nm.ms, s."tatMs" AS tat,
           ($2 IS NULL OR nm.ms + ${GCRA_EPSILON_MS} >= greatest(s."tatMs", nm.ms) + $2 - $3 * $2)
           AND NOT EXISTS (SELECT 1 FROM c WHERE c.cnt + 1 > c.lim) AS ok
      FROM nm, "ApiRateState" s WHERE s."key" = $1),
  counted AS (
    INSERT INTO "ApiQuotaCounter" ("key", "period", "windowStart", "count")
      SELECT $1, c.period, c.start, 1 FROM c, d WHERE d.ok
      ON CONFLICT ("key", "period", "windowStart") DO UPDATE SET "count" = "ApiQuotaCounter"."count" + 1),
  moved AS (
    UPDATE "ApiRateState" SET "tatMs" = greatest(d.tat, d.ms) + $2, "updatedAt" = clock_timestamp() AT TIME ZONE 'UTC'
      FROM d WHERE "ApiRateState"."key" = $1 AND d.ok AND $2 IS NOT NULL)
  SELECT d.ms AS "nowMs", d.tat AS "tatMs", d.ok, (SELECT json_object_agg(c.period, c.cnt) FROM c) AS counts FROM d`;

/** Pool clients on whose connection sb_limit_decide is prepared (a client object is one connection). */
const prepared = new WeakSet<pg.PoolClient>();

/**
 * Limits in Postgres, exact across any number of gateway processes. Each check is one transaction that
 * first locks the consumer's ApiRateState row, so checks for one consumer are serialized by the
 * database; the statement after the lock sees the previous holder's committed counts (READ COMMITTED
 * takes a fresh snapshot per statement); and the time is the database's clock_timestamp() read under
 * the lock, so windows and the bucket never depend on a gateway's clock.
 *
 * One round trip: BEGIN, create the state row if new, lock it, then one prepared statement that reads the clock,
 * the TAT and the current windows' counts, decides with the same formulas as decide() and, only if
 * every limit admits the request, counts it in each window and moves the TAT; COMMIT. It returns the
 * state it read, and decide() turns that into the headers. The lock is held for the server-side work
 * only, never across a network round trip, which is what lets one consumer's checks go at thousands
 * per second. The statements go as one simple-query string (a parameterised query cannot hold
 * several); what is interpolated is the consumer key through pg's literal quoting, and numbers.
 *
 * The transaction commits with synchronous_commit off (as the engine's claim and ack pools do): the
 * lock is released without waiting for the WAL flush, which would otherwise be most of a check's cost.
 * Other sessions see the commit at once, so exactness between gateways holds; only a crash of the
 * database itself can forget the last fraction of a second of counts.
 */
export function createPostgresLimitStore(opts: TPostgresLimitOptions): TLimitStore {
  const { pool, log } = opts;
  let pruner: NodeJS.Timeout | null = null;
  const pruneEveryMs = opts.pruneEveryMs ?? 10 * 60_000;

  const prune = () =>
    prunePostgresLimitWindows(pool).catch((error: unknown) =>
      log.warn({ err: String(error) }, "pruning old API quota windows failed"),
    );
  if (pruneEveryMs > 0) {
    pruner = setInterval(() => void prune(), pruneEveryMs);
    pruner.unref();
  }

  async function consume(consumerKey: string, plan: TPlanLimits): Promise<TLimitDecision> {
    const key = lit(consumerKey);
    const bucket = bucketOf(plan);
    const num = (n: number | null) => (n == null ? "NULL" : lit(String(n)));
    const client = await pool.connect();
    let released = false;
    try {
      // The decision statement is prepared once per connection (planning it is most of its cost).
      const prepare = prepared.has(client) ? "" : `${PREPARE_DECIDE};\n`;
      const results = (await client.query(
        `${prepare}BEGIN;
           SET LOCAL synchronous_commit = off;
           INSERT INTO "ApiRateState" ("key", "tatMs", "updatedAt") VALUES (${key}, 0, clock_timestamp() AT TIME ZONE 'UTC') ON CONFLICT DO NOTHING;
           SELECT 1 FROM "ApiRateState" WHERE "key" = ${key} FOR UPDATE;
           EXECUTE sb_limit_decide(${key}, ${num(bucket?.intervalMs ?? null)}, ${num(bucket?.burst ?? null)}, ${num(plan.perMinute)}, ${num(plan.perDay)}, ${num(plan.perMonth)});
           COMMIT`,
      )) as unknown as pg.QueryResult[];
      prepared.add(client);
      const row = results.at(-2)!.rows[0] as
        { nowMs: number; tatMs: number; ok: boolean; counts: Partial<Record<TQuotaPeriod, number>> | null } | undefined;
      if (!row) throw new Error(`rate-limit state for ${consumerKey} vanished during the check`);
      const outcome = decide(plan, { nowMs: Number(row.nowMs), tatMs: Number(row.tatMs), counts: row.counts ?? {} });
      if (outcome.decision.allowed !== row.ok) {
        // The statement's answer is what happened; decide() only describes it (same formulas).
        log.error({ consumerKey, sqlAllowed: row.ok }, "postgres limit statement and decide() disagree");
        return { ...outcome.decision, allowed: row.ok, retryAfterSeconds: row.ok ? 0 : 1 };
      }
      return outcome.decision;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      // Prepared on an earlier call whose transaction then failed: it is there, so use it.
      if ((error as { code?: string }).code === "42P05" && !prepared.has(client)) {
        prepared.add(client);
        client.release();
        released = true;
        return consume(consumerKey, plan);
      }
      throw error;
    } finally {
      if (!released) client.release();
    }
  }

  return {
    kind: "postgres",
    consume,

    async close() {
      if (pruner) clearInterval(pruner);
      pruner = null;
    },
  };
}
