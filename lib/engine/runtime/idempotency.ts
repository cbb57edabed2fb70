import type pg from "pg";
import type { DedupeStore, Queryable } from "@/lib/engine/core/contracts";

/**
 * Claims (scope, key) in the IdempotencyKey table. Call it with the sink's own transaction client,
 * before the write: a redelivered message finds its key taken and skips the write, and if the write
 * rolls back, so does the claim. Returns true when this is the first time the key is seen.
 */
export async function claimIdempotencyKey(db: Queryable, scope: string, key: string, messageId?: string, ttlMs?: number): Promise<boolean> {
  const r = ttlMs
    ? await db.query(
        `INSERT INTO "IdempotencyKey" ("scope", "key", "messageId") VALUES ($1, $2, $3)
         ON CONFLICT ("scope", "key") DO UPDATE SET "firstSeenAt" = now(), "messageId" = EXCLUDED."messageId"
         WHERE "IdempotencyKey"."firstSeenAt" < now() - make_interval(secs => $4::float8 / 1000)
         RETURNING 1`,
        [scope, key, messageId ?? null, ttlMs],
      )
    : await db.query(`INSERT INTO "IdempotencyKey" ("scope", "key", "messageId") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`, [
        scope,
        key,
        messageId ?? null,
      ]);
  return (r.rowCount ?? r.rows.length) > 0;
}

/** The dedupe store handed to the idempotent-consumer processor: one scope per flow. */
export function pgDedupeStore(pool: pg.Pool, scope: string): DedupeStore {
  return { claim: (key, ttlMs) => claimIdempotencyKey(pool, scope, key, undefined, ttlMs > 0 ? ttlMs : undefined) };
}

/** Drops keys older than `olderThanMs`, for a retention job; pick it above the longest dedupe window in use. */
export async function purgeIdempotencyKeys(pool: pg.Pool, olderThanMs: number): Promise<number> {
  const r = await pool.query(`DELETE FROM "IdempotencyKey" WHERE "firstSeenAt" < now() - make_interval(secs => $1::float8 / 1000)`, [olderThanMs]);
  return r.rowCount ?? 0;
}
