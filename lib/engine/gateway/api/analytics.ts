import type pg from "pg";
import type { TLog } from "@/lib/engine/runtime/context";
import { BUCKET_COUNT, bucketIndex } from "@/lib/engine/metrics/buckets";
import type { TApiAnalytics, TApiCall } from "./contracts";

/** One (apiVersionId, environmentId, operation, consumerId, minute) cell, added up in memory. */
export type TApiCallCell = {
  apiVersionId: string;
  environmentId: string;
  operation: string;
  consumerId: string;
  /** Epoch ms of the minute's start. */
  minute: number;
  calls: number;
  clientErrors: number;
  serverErrors: number;
  rateLimited: number;
  latencyBuckets: number[];
  latencySumMs: number;
};

/** Rows per INSERT: 11 parameters each keeps one statement well under Postgres's 65,535 parameters. */
const ROWS_PER_STATEMENT = 500;

function cellId(c: {
  apiVersionId: string;
  environmentId: string;
  operation: string;
  consumerId: string;
  minute: number;
}): string {
  // NUL cannot appear in any of the parts (ids, an HTTP method and a path template).
  return `${c.apiVersionId}\u0000${c.environmentId}\u0000${c.operation}\u0000${c.consumerId}\u0000${c.minute}`;
}

/** Per-minute API analytics are kept as long as the flows' minute rollups (the runtime's housekeeping purges). */
export const API_ANALYTICS_RETENTION_MS = 90 * 86_400_000;

export async function purgeApiCallMinutes(pool: pg.Pool, olderThanMs: number): Promise<number> {
  const r = await pool.query(
    `DELETE FROM "ApiCallMinute" WHERE "minute" < (now() AT TIME ZONE 'UTC') - make_interval(secs => $1::float8 / 1000)`,
    [olderThanMs],
  );
  return r.rowCount ?? 0;
}

/**
 * The gateway's per-minute call counts, added up in memory on every response (record() is the hot
 * path: a map lookup and a few increments) and added into "ApiCallMinute" on each flush. Rows are
 * summed, never overwritten, so any number of gateway processes can write the same minute. A flush
 * that fails keeps its counts for the next one; a statement that committed is never written twice.
 */
export class ApiAnalytics implements TApiAnalytics {
  private cells = new Map<string, TApiCallCell>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly opts: { flushMs: number; log: TLog },
  ) {
    if (opts.flushMs > 0) {
      this.timer = setInterval(
        () =>
          void this.flush().catch((error: unknown) =>
            this.opts.log.warn(
              { err: String(error) },
              "flushing API analytics failed; keeping the counts for the next flush",
            ),
          ),
        opts.flushMs,
      );
      this.timer.unref();
    }
  }

  record(call: TApiCall): void {
    const minute = Math.floor(call.at / 60_000) * 60_000;
    const id = cellId({ ...call, minute });
    let c = this.cells.get(id);
    if (!c) {
      c = {
        apiVersionId: call.apiVersionId,
        environmentId: call.environmentId,
        operation: call.operation,
        consumerId: call.consumerId,
        minute,
        calls: 0,
        clientErrors: 0,
        serverErrors: 0,
        rateLimited: 0,
        latencyBuckets: new Array<number>(BUCKET_COUNT).fill(0),
        latencySumMs: 0,
      };
      this.cells.set(id, c);
    }
    c.calls++;
    if (call.status === 429) c.rateLimited++;
    else if (call.status >= 500) c.serverErrors++;
    else if (call.status >= 400) c.clientErrors++;
    const ms = Math.max(0, call.latencyMs);
    c.latencyBuckets[bucketIndex(ms)]++;
    c.latencySumMs += ms;
  }

  /** What is waiting for the next flush (a copy), for tests and diagnostics. */
  pending(): TApiCallCell[] {
    return [...this.cells.values()].map((c) => ({ ...c, latencyBuckets: [...c.latencyBuckets] }));
  }

  /** Flushes run one after another, so two callers never write the same cells. */
  flush(): Promise<void> {
    const next = this.flushing.then(() => this.write());
    this.flushing = next.catch(() => undefined);
    return next;
  }

  async stop(): Promise<void> {
    if (this.stopped) return this.flushing;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  private async write(): Promise<void> {
    if (!this.cells.size) return;
    const taken = this.cells;
    this.cells = new Map();
    // A stable order, so two processes upserting overlapping rows lock them in the same order.
    const rows = [...taken.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let done = 0;
    try {
      for (; done < rows.length; done += ROWS_PER_STATEMENT) {
        await this.upsert(rows.slice(done, done + ROWS_PER_STATEMENT).map(([, c]) => c));
      }
    } catch (error) {
      // Statements that committed are done; put the rest back so the next flush adds them.
      for (const [id, cell] of rows.slice(done)) this.mergeBack(id, cell);
      throw error;
    }
  }

  private async upsert(cells: TApiCallCell[]): Promise<void> {
    const values: string[] = [];
    const params: unknown[] = [];
    for (const c of cells) {
      const p = params.length;
      values.push(
        `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, to_timestamp($${p + 5}::float8 / 1000) AT TIME ZONE 'UTC', ` +
          `$${p + 6}::int, $${p + 7}::int, $${p + 8}::int, $${p + 9}::int, $${p + 10}::int[], $${p + 11}::float8, now())`,
      );
      params.push(
        c.apiVersionId,
        c.environmentId,
        c.operation,
        c.consumerId,
        c.minute,
        c.calls,
        c.clientErrors,
        c.serverErrors,
        c.rateLimited,
        c.latencyBuckets,
        c.latencySumMs,
      );
    }
    await this.pool.query(
      `INSERT INTO "ApiCallMinute" ("apiVersionId", "environmentId", "operation", "consumerId", "minute",
         "calls", "clientErrors", "serverErrors", "rateLimited", "latencyBuckets", "latencySumMs", "updatedAt")
       VALUES ${values.join(", ")}
       ON CONFLICT ("apiVersionId", "environmentId", "operation", "consumerId", "minute") DO UPDATE SET
         "calls" = "ApiCallMinute"."calls" + EXCLUDED."calls",
         "clientErrors" = "ApiCallMinute"."clientErrors" + EXCLUDED."clientErrors",
         "serverErrors" = "ApiCallMinute"."serverErrors" + EXCLUDED."serverErrors",
         "rateLimited" = "ApiCallMinute"."rateLimited" + EXCLUDED."rateLimited",
         "latencyBuckets" = (SELECT array_agg(COALESCE(a, 0) + COALESCE(b, 0) ORDER BY i)
                             FROM unnest("ApiCallMinute"."latencyBuckets", EXCLUDED."latencyBuckets") WITH ORDINALITY AS u(a, b, i)),
         "latencySumMs" = "ApiCallMinute"."latencySumMs" + EXCLUDED."latencySumMs",
         "updatedAt" = now()`,
      params,
    );
  }

  private mergeBack(id: string, cell: TApiCallCell): void {
    const cur = this.cells.get(id);
    if (!cur) return void this.cells.set(id, cell);
    cur.calls += cell.calls;
    cur.clientErrors += cell.clientErrors;
    cur.serverErrors += cell.serverErrors;
    cur.rateLimited += cell.rateLimited;
    cur.latencySumMs += cell.latencySumMs;
    for (let i = 0; i < cur.latencyBuckets.length; i++) cur.latencyBuckets[i] += cell.latencyBuckets[i] ?? 0;
  }
}
