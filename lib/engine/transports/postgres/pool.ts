import pg from "pg";

// BIGINT ids stay strings (pg's default); timestamps are compared in SQL with now(), so every
// engine session runs in UTC, the zone Prisma writes `timestamp without time zone` columns in.
//
// `asyncCommit` pools skip waiting for the WAL flush (synchronous_commit = off). Only writes whose
// loss in a *database* crash is harmless go through them: claims and acks (a lost ack means a
// redelivery, which at-least-once allows), lineage and metrics. Publishes and sinks always use a
// durable pool. On this class of disk a flush costs ~7 ms, so this is most of the throughput.
export function createPgPool(
  connectionString: string,
  max = 8,
  opts: { applicationName?: string; asyncCommit?: boolean } = {},
): pg.Pool {
  const options = `-c timezone=UTC${opts.asyncCommit ? " -c synchronous_commit=off" : ""}`;
  const pool = new pg.Pool({
    connectionString,
    max,
    options,
    application_name: opts.applicationName ?? "switchboard-engine",
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  return pool;
}

/** Runs `fn` in a transaction on one client of `pool`: committed when it resolves, rolled back when it throws. */
export async function withPgTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
