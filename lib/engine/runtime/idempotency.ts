import type pg from "pg";
import type { DedupeStore, Queryable, TClaim } from "@/lib/engine/core/contracts";
import { Batcher } from "@/lib/engine/transports/batcher";

/**
 * Claims (scope, key) in the IdempotencyKey table. Call it with the sink's own transaction client,
 * before the write: a redelivered message finds its key taken and skips the write, and if the write
 * rolls back, so does the claim. Returns true when this is the first time the key is seen.
 */
export async function claimIdempotencyKey(
  db: Queryable,
  scope: string,
  key: string,
  messageId?: string,
  ttlMs?: number,
): Promise<boolean> {
  const r = ttlMs
    ? await db.query(
        `INSERT INTO "IdempotencyKey" ("scope", "key", "messageId") VALUES ($1, $2, $3)
         ON CONFLICT ("scope", "key") DO UPDATE SET "firstSeenAt" = now(), "messageId" = EXCLUDED."messageId"
         WHERE "IdempotencyKey"."firstSeenAt" < now() - make_interval(secs => $4::float8 / 1000)
         RETURNING 1`,
        [scope, key, messageId ?? null, ttlMs],
      )
    : await db.query(
        `INSERT INTO "IdempotencyKey" ("scope", "key", "messageId") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
        [scope, key, messageId ?? null],
      );
  return (r.rowCount ?? r.rows.length) > 0;
}

type TPending = TClaim & { key: string };

/**
 * The idempotent-consumer store of a running flow: one scope per flow. A key belongs to the first
 * message that claimed it; that same message claims it again when it is redelivered (its earlier run
 * failed or its engine died before the ack), and a replay from the dead letter channel takes it over.
 * Any other message with the key is a duplicate. Claims made in the same turn share one statement.
 */
export function pgDedupeStore(pool: pg.Pool, scope: string): DedupeStore {
  const batcher = new Batcher<TPending, boolean>((items) => claimMany(pool, scope, items), 500);
  return { claim: (key, ttlMs, claim = {}) => batcher.add({ key, ttlMs, ...claim }) };
}

async function claimMany(pool: pg.Pool, scope: string, items: TPending[]): Promise<boolean[]> {
  // One row per key per statement (ON CONFLICT cannot touch a row twice); later twins are decided in JS.
  const first = new Map<string, number>();
  const rows: TPending[] = [];
  for (const item of items) if (!first.has(item.key)) first.set(item.key, rows.push(item) - 1);
  // Named: parsed and planned once per connection, not once per batch of claims.
  const r = await pool.query<{ key: string }>({
    name: "sb_idempotency_claim_many_v1",
    text: `INSERT INTO "IdempotencyKey" ("scope", "key", "messageId")
     SELECT $1, t.key, t.message FROM unnest($2::text[], $3::text[]) AS t(key, message)
     ON CONFLICT ("scope", "key") DO UPDATE SET "messageId" = EXCLUDED."messageId", "firstSeenAt" = now()
     WHERE "IdempotencyKey"."messageId" = EXCLUDED."messageId"
        OR EXCLUDED."key" = ANY($4::text[])
        OR ("IdempotencyKey"."firstSeenAt" < now() - make_interval(secs => (($5::jsonb) ->> EXCLUDED."key")::float8 / 1000))
     RETURNING "key"`,
    values: [
      scope,
      rows.map((x) => x.key),
      rows.map((x) => x.messageId ?? null),
      rows.filter((x) => x.takeOver).map((x) => x.key),
      JSON.stringify(Object.fromEntries(rows.filter((x) => x.ttlMs > 0).map((x) => [x.key, x.ttlMs]))),
    ],
  });
  const won = new Set(r.rows.map((x) => x.key));
  return items.map((item) => {
    const owner = rows[first.get(item.key)!];
    return (
      won.has(item.key) && (owner === item || (owner.messageId !== undefined && owner.messageId === item.messageId))
    );
  });
}

/** Drops keys older than `olderThanMs`, for a retention job; pick it above the longest dedupe window in use. */
export async function purgeIdempotencyKeys(pool: pg.Pool, olderThanMs: number): Promise<number> {
  const r = await pool.query(
    `DELETE FROM "IdempotencyKey" WHERE "firstSeenAt" < now() - make_interval(secs => $1::float8 / 1000)`,
    [olderThanMs],
  );
  return r.rowCount ?? 0;
}
