import type pg from "pg";
import type { EngineDeps, Queryable } from "@/lib/engine/core/contracts";
import { PermanentError, TransientError } from "@/lib/engine/core/errors";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { databaseUrl } from "@/lib/env";

const pools = new Map<string, pg.Pool>();

/** The engine's database from deps, else a small pool per connection string (shared in the process). */
export function queryableFor(deps: EngineDeps, connectionString?: string): Queryable {
  if (!connectionString && deps.db) return deps.db;
  const url = connectionString ?? databaseUrl();
  let pool = pools.get(url);
  if (!pool) {
    pool = createPgPool(url, 4, { applicationName: "switchboard-engine-sink" });
    pools.set(url, pool);
  }
  return pool;
}

/** SQLSTATE classes 22 (data), 23 (constraint) and 42 (syntax/undefined object) cannot succeed on retry. */
export function classifyPgError(error: unknown, what: string): Error {
  const code = (error as { code?: string }).code ?? "";
  const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
  return /^(22|23|42)/.test(code)
    ? new PermanentError(message, { cause: error })
    : new TransientError(message, { cause: error });
}
