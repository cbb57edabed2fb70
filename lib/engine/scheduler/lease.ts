import type pg from "pg";

/**
 * Takes or renews the lease on `name` for `holder` until `ttlMs` from now: the INSERT wins when nobody
 * holds it, the conditional UPDATE when the lease expired or this holder already has it. Returns
 * whether `holder` holds it now. One statement, so two engines racing for it cannot both win.
 */
export async function acquireLease(pool: pg.Pool, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const r = await pool.query(
    `INSERT INTO "SchedulerLease" ("name", "holder", "expiresAt", "updatedAt")
     VALUES ($1, $2, (now() AT TIME ZONE 'UTC') + make_interval(secs => $3::float8 / 1000), now() AT TIME ZONE 'UTC')
     ON CONFLICT ("name") DO UPDATE SET "holder" = EXCLUDED."holder", "expiresAt" = EXCLUDED."expiresAt", "updatedAt" = EXCLUDED."updatedAt"
     WHERE "SchedulerLease"."expiresAt" < (now() AT TIME ZONE 'UTC') OR "SchedulerLease"."holder" = EXCLUDED."holder"
     RETURNING "holder"`,
    [name, holder, ttlMs],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Gives the lease up at once (a graceful stop), so another engine need not wait for it to expire. */
export async function releaseLease(pool: pg.Pool, name: string, holder: string): Promise<void> {
  await pool.query(`DELETE FROM "SchedulerLease" WHERE "name" = $1 AND "holder" = $2`, [name, holder]);
}
