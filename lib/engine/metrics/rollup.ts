import type pg from "pg";
import { BUCKET_COUNT, bucketIndex, percentileFromBuckets } from "./buckets";

type TCell = { ok: number; failed: number; filtered: number; deadLettered: number; buckets: number[]; sumMs: number };
type TKey = { flowId: string; environmentId: string; step: string; minute: number };

export type TRollupOutcome = "ok" | "failed" | "filtered" | "dead_lettered";

/** One flow, environment and step's counters: resolved once, so the message path builds no key per observation. */
export type TRollupHandle = { observe(outcome: TRollupOutcome, durationMs: number, at?: number): void };

/** A point-in-time reading for one flow in one environment. */
export type TFlowGauge = { flowId: string; environmentId: string; depth: number };

/** Gauges read at flush time: pending dead letters, and messages waiting on the flow's queues. */
export type TFlushGauges = { dlq?: TFlowGauge[]; backlog?: TFlowGauge[] };

/**
 * Minute rollups in memory, added into MetricMinute on each flush, and each whole-run cell (step "")
 * into MetricDay as well (the UTC day of its minute), which outlives the minutes for reports and
 * ROI. Rows are summed, never overwritten, so several engine processes can write the same minute.
 */
export class MinuteRollup {
  private cells = new Map<string, { key: TKey; cell: TCell }>();
  /** Bumped when a flush takes the cells: handles then look their cell up again. */
  private generation = 0;

  constructor(private readonly pool: pg.Pool) {}

  /** step = "" for the whole run. */
  observe(
    flowId: string,
    environmentId: string,
    step: string,
    outcome: TRollupOutcome,
    durationMs: number,
    at = Date.now(),
  ): void {
    count(this.cellFor(flowId, environmentId, step, Math.floor(at / 60_000) * 60_000), outcome, durationMs);
  }

  /** A handle that keeps its current minute's cell until the minute turns or a flush takes the cells. */
  handle(flowId: string, environmentId: string, step: string): TRollupHandle {
    let minute = -1;
    let generation = -1;
    let cell: TCell | null = null;
    return {
      observe: (outcome, durationMs, at = Date.now()) => {
        const m = Math.floor(at / 60_000) * 60_000;
        if (!cell || m !== minute || generation !== this.generation) {
          cell = this.cellFor(flowId, environmentId, step, m);
          minute = m;
          generation = this.generation;
        }
        count(cell, outcome, durationMs);
      },
    };
  }

  private cellFor(flowId: string, environmentId: string, step: string, minute: number): TCell {
    const id = `${flowId}|${environmentId}|${step}|${minute}`;
    let entry = this.cells.get(id);
    if (!entry) {
      entry = {
        key: { flowId, environmentId, step, minute },
        cell: {
          ok: 0,
          failed: 0,
          filtered: 0,
          deadLettered: 0,
          buckets: new Array<number>(BUCKET_COUNT).fill(0),
          sumMs: 0,
        },
      };
      this.cells.set(id, entry);
    }
    return entry.cell;
  }

  /**
   * Writes everything observed since the last flush plus, on the flow rows of this minute, the
   * gauges measured at flush time: DLQ depth and queue backlog per flow and environment. A flow with
   * a gauge but no traffic still gets a row, so the charts show a backlog building up while paused.
   * On failure the cells are merged back so nothing is lost; the next flush retries.
   */
  async flush(gauges: TFlushGauges = {}, now = Date.now()): Promise<number> {
    const taken = this.cells;
    this.cells = new Map();
    this.generation++;
    const minute = Math.floor(now / 60_000) * 60_000;
    const dlq = gauges.dlq ?? [];
    const backlog = gauges.backlog ?? [];
    for (const d of [...dlq, ...backlog]) {
      const id = `${d.flowId}|${d.environmentId}||${minute}`;
      if (!taken.has(id)) {
        taken.set(id, {
          key: { flowId: d.flowId, environmentId: d.environmentId, step: "", minute },
          cell: {
            ok: 0,
            failed: 0,
            filtered: 0,
            deadLettered: 0,
            buckets: new Array<number>(BUCKET_COUNT).fill(0),
            sumMs: 0,
          },
        });
      }
    }
    const depthOf = new Map(dlq.map((d) => [`${d.flowId}|${d.environmentId}`, d.depth]));
    const backlogOf = new Map(backlog.map((d) => [`${d.flowId}|${d.environmentId}`, d.depth]));
    let written = 0;
    try {
      for (const { key, cell } of taken.values()) {
        const isGaugeRow = key.step === "" && key.minute === minute;
        const depth = isGaugeRow ? (depthOf.get(`${key.flowId}|${key.environmentId}`) ?? null) : null;
        const backlogDepth = isGaugeRow ? (backlogOf.get(`${key.flowId}|${key.environmentId}`) ?? null) : null;
        // One statement, so the minute and its day are added together or not at all (a merge-back
        // after a half-written cell would count it twice).
        const r = await this.pool.query<{ latencyBuckets: number[] }>(
          `WITH day AS (
             INSERT INTO "MetricDay" ("flowId", "environmentId", "day", "countOk", "countFailed", "countFiltered", "countDeadLettered", "updatedAt")
             SELECT $1, $2, (to_timestamp($4::float8 / 1000) AT TIME ZONE 'UTC')::date, $5, $6, $7, $8, now()
             WHERE $3 = '' AND $5::int + $6::int + $7::int + $8::int > 0
             ON CONFLICT ("flowId", "environmentId", "day") DO UPDATE SET
               "countOk" = "MetricDay"."countOk" + EXCLUDED."countOk",
               "countFailed" = "MetricDay"."countFailed" + EXCLUDED."countFailed",
               "countFiltered" = "MetricDay"."countFiltered" + EXCLUDED."countFiltered",
               "countDeadLettered" = "MetricDay"."countDeadLettered" + EXCLUDED."countDeadLettered",
               "updatedAt" = now()
           )
           INSERT INTO "MetricMinute" ("flowId", "environmentId", "step", "minute", "countOk", "countFailed", "countFiltered", "countDeadLettered", "latencyBuckets", "latencySumMs", "dlqDepth", "backlogDepth", "updatedAt")
           VALUES ($1, $2, $3, to_timestamp($4::float8 / 1000) AT TIME ZONE 'UTC', $5, $6, $7, $8, $9::int[], $10, $11, $12, now())
           ON CONFLICT ("flowId", "environmentId", "step", "minute") DO UPDATE SET
             "countOk" = "MetricMinute"."countOk" + EXCLUDED."countOk",
             "countFailed" = "MetricMinute"."countFailed" + EXCLUDED."countFailed",
             "countFiltered" = "MetricMinute"."countFiltered" + EXCLUDED."countFiltered",
             "countDeadLettered" = "MetricMinute"."countDeadLettered" + EXCLUDED."countDeadLettered",
             "latencyBuckets" = (SELECT array_agg(COALESCE(a, 0) + COALESCE(b, 0) ORDER BY i)
                                 FROM unnest("MetricMinute"."latencyBuckets", EXCLUDED."latencyBuckets") WITH ORDINALITY AS u(a, b, i)),
             "latencySumMs" = "MetricMinute"."latencySumMs" + EXCLUDED."latencySumMs",
             "dlqDepth" = COALESCE(EXCLUDED."dlqDepth", "MetricMinute"."dlqDepth"),
             "backlogDepth" = COALESCE(EXCLUDED."backlogDepth", "MetricMinute"."backlogDepth"),
             "updatedAt" = now()
           RETURNING "latencyBuckets"`,
          [
            key.flowId,
            key.environmentId,
            key.step,
            key.minute,
            cell.ok,
            cell.failed,
            cell.filtered,
            cell.deadLettered,
            cell.buckets,
            cell.sumMs,
            depth,
            backlogDepth,
          ],
        );
        // The additive insert has committed: forget the cell now, so a failing percentile update
        // cannot merge it back and count it twice on the next flush.
        taken.delete(`${key.flowId}|${key.environmentId}|${key.step}|${key.minute}`);
        const merged = r.rows[0]?.latencyBuckets ?? cell.buckets;
        // A gauge-only cell (no runs this interval) added no samples, so the percentiles cannot change.
        const hasSamples = cell.ok + cell.failed + cell.filtered + cell.deadLettered > 0;
        if (hasSamples) {
          await this.pool.query(
            `UPDATE "MetricMinute" SET "p50Ms" = $5, "p95Ms" = $6, "p99Ms" = $7
             WHERE "flowId" = $1 AND "environmentId" = $2 AND "step" = $3 AND "minute" = to_timestamp($4::float8 / 1000) AT TIME ZONE 'UTC'`,
            [
              key.flowId,
              key.environmentId,
              key.step,
              key.minute,
              percentileFromBuckets(merged, 0.5),
              percentileFromBuckets(merged, 0.95),
              percentileFromBuckets(merged, 0.99),
            ],
          );
        }
        written++;
      }
      return written;
    } catch (error) {
      for (const [id, entry] of taken) this.merge(id, entry);
      throw error;
    }
  }

  private merge(id: string, entry: { key: TKey; cell: TCell }): void {
    const cur = this.cells.get(id);
    if (!cur) return void this.cells.set(id, entry);
    const a = cur.cell;
    const b = entry.cell;
    a.ok += b.ok;
    a.failed += b.failed;
    a.filtered += b.filtered;
    a.deadLettered += b.deadLettered;
    a.sumMs += b.sumMs;
    for (let i = 0; i < a.buckets.length; i++) a.buckets[i] += b.buckets[i];
  }
}

/** Drops minute rollups older than `olderThanMs` (the charts read at most a week back). */
export async function purgeMetricMinutes(pool: pg.Pool, olderThanMs: number): Promise<number> {
  const r = await pool.query(
    `DELETE FROM "MetricMinute" WHERE "minute" < (now() AT TIME ZONE 'UTC') - make_interval(secs => $1::float8 / 1000)`,
    [olderThanMs],
  );
  return r.rowCount ?? 0;
}

function count(c: TCell, outcome: TRollupOutcome, durationMs: number): void {
  if (outcome === "ok") c.ok++;
  else if (outcome === "filtered") c.filtered++;
  else if (outcome === "dead_lettered") c.deadLettered++;
  else c.failed++;
  c.buckets[bucketIndex(durationMs)]++;
  c.sumMs += durationMs;
}
