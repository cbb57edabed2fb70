import { randomUUID } from "node:crypto";
import os from "node:os";
import type pg from "pg";
import type { PollStateStore } from "@/lib/engine/core/contracts";

/** How long a lease lasts without renewal: an engine that died is replaced after at most this long. */
export const POLL_LEASE_MS = 30_000;

/**
 * PollState rows as a lease plus a position. The holder renews the lease every third of its length
 * while it holds it; a save only counts while the lease is still ours.
 */
export function pgPollState(pool: pg.Pool, key: string, flowId: string, leaseMs = POLL_LEASE_MS): PollStateStore {
  const owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let renewer: NodeJS.Timeout | null = null;
  let released = false;
  const stopRenewing = () => {
    if (renewer) clearInterval(renewer);
    renewer = null;
  };
  const take = async (): Promise<{ position: unknown } | null> => {
    const { rows } = await pool.query<{ position: unknown }>(
      `INSERT INTO "PollState" ("key", "flowId", "owner", "leaseUntil") VALUES ($1, $2, $3, now() + make_interval(secs => $4::float8 / 1000))
       ON CONFLICT ("key") DO UPDATE SET "owner" = EXCLUDED."owner", "leaseUntil" = EXCLUDED."leaseUntil"
       WHERE "PollState"."owner" = EXCLUDED."owner" OR "PollState"."owner" IS NULL OR "PollState"."leaseUntil" < now()
       RETURNING "position"`,
      [key, flowId, owner, leaseMs],
    );
    return rows[0] ? { position: rows[0].position } : null;
  };
  return {
    async lease() {
      released = false;
      const granted = await take();
      if (!granted) stopRenewing();
      else if (!renewer) {
        renewer = setInterval(() => {
          if (!released)
            take().then(
              (g) => g ?? stopRenewing(),
              () => undefined,
            );
        }, leaseMs / 3);
        renewer.unref();
      }
      return granted;
    },
    async save(position) {
      const r = await pool.query(
        `UPDATE "PollState" SET "position" = $3::jsonb, "updatedAt" = now() WHERE "key" = $1 AND "owner" = $2`,
        [key, owner, JSON.stringify(position)],
      );
      return (r.rowCount ?? 0) > 0;
    },
    async release() {
      released = true;
      stopRenewing();
      await pool.query(`UPDATE "PollState" SET "owner" = NULL, "leaseUntil" = NULL WHERE "key" = $1 AND "owner" = $2`, [
        key,
        owner,
      ]);
    },
  };
}
