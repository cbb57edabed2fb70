// Rate limits and quotas for the API gateway: a GCRA token bucket plus fixed calendar windows per
// minute, day and month, checked and consumed in one atomic step on the store's clock. Redis when
// REDIS_URL is set, Postgres otherwise; both are exact across any number of gateway processes.
import type pg from "pg";
import type { TLimitStore } from "@/lib/apis/limits-types";
import type { TLog } from "@/lib/engine/runtime/context";
import { createPostgresLimitStore } from "./postgres-store";
import { createRedisLimitStore } from "./redis-store";

export { limitHeaders } from "./headers";
export { decide, gcra, bucketOf, windowOf, windowsAt } from "./decide";
export { createPostgresLimitStore, prunePostgresLimitWindows } from "./postgres-store";
export { createRedisLimitStore, DEFAULT_REDIS_LIMIT_PREFIX } from "./redis-store";

export type TCreateLimitStoreOptions = {
  /** Set: limits live in Redis. A set but unreachable Redis fails here rather than falling back, since
   *  gateways counting in different stores would each admit the full limit. */
  redisUrl?: string;
  pool: pg.Pool;
  log: TLog;
  /** Redis key prefix (tests use their own). */
  keyPrefix?: string;
};

export async function createLimitStore(opts: TCreateLimitStoreOptions): Promise<TLimitStore> {
  if (opts.redisUrl) return createRedisLimitStore({ url: opts.redisUrl, log: opts.log, keyPrefix: opts.keyPrefix });
  return createPostgresLimitStore({ pool: opts.pool, log: opts.log });
}
