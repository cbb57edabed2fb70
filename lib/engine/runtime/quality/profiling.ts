import { randomUUID } from "node:crypto";
import type { Queryable } from "@/lib/engine/core/contracts";
import type { ProfileSink, TProfileStepOptions } from "@/lib/engine/core/quality/profiling";
import { Profiler } from "@/lib/quality/profiling";
import type { TLog, TRunContext } from "../context";
import type { TQualityHost, TQualityPart } from "./index";

const MINUTE = 60_000;

type TBucket = { ctx: TRunContext; stepId: string; minute: number; profiler: Profiler; options: TProfileStepOptions };

/**
 * The engine side of message-stream profiling. Each deployment's profile steps add records to one
 * in-memory sketch per (flow, environment, step) and minute; the sketches are bounded (columns,
 * exact distincts, patterns, t-digest centroids are capped), so memory does not grow with traffic.
 * Every minute the finished sketches are written to ProfileStreamPartial as mergeable state; the
 * profiling job merges the partials of a window into a run. Another engine running the same flow
 * writes its own partials: merging makes them one profile.
 */
export class StreamProfiles {
  private readonly buckets = new Map<string, TBucket>();

  constructor(
    private readonly db: Queryable,
    private readonly log: TLog,
    private readonly now: () => number = Date.now,
  ) {}

  sinkFor(ctx: TRunContext): ProfileSink {
    return {
      add: (stepId, records, options) => {
        if (!records.length) return;
        const minute = Math.floor(this.now() / MINUTE) * MINUTE;
        const key = `${ctx.flowId}\u0000${ctx.environmentId}\u0000${stepId}`;
        let bucket = this.buckets.get(key);
        if (bucket && bucket.minute !== minute) {
          // A new minute: the old bucket is done; write it without holding the message up.
          void this.write([bucket]);
          bucket = undefined;
        }
        if (!bucket) {
          bucket = { ctx, stepId, minute, options, profiler: newProfiler(options) };
          this.buckets.set(key, bucket);
        }
        for (const r of records) bucket.profiler.add(r);
      },
    };
  }

  /** Writes every bucket of a minute before the current one (all of them with `all`, at stop). */
  async flush(all = false): Promise<number> {
    const current = Math.floor(this.now() / MINUTE) * MINUTE;
    const done: TBucket[] = [];
    for (const [key, b] of this.buckets)
      if (all || b.minute < current) {
        done.push(b);
        this.buckets.delete(key);
      }
    return this.write(done);
  }

  private async write(buckets: TBucket[]): Promise<number> {
    const rows = buckets
      .filter((b) => b.profiler.rows > 0)
      .map((b) => ({
        id: randomUUID(),
        flowId: b.ctx.flowId,
        environmentId: b.ctx.environmentId,
        stepId: b.stepId,
        minute: new Date(b.minute).toISOString(),
        rows: b.profiler.rows,
        state: b.profiler.toState(),
      }));
    if (!rows.length) return 0;
    try {
      await this.db.query(
        `INSERT INTO "ProfileStreamPartial" ("id", "flowId", "environmentId", "stepId", "minute", "rows", "state")
         SELECT r."id", r."flowId", r."environmentId", r."stepId", r."minute", r."rows", r."state"
         FROM jsonb_to_recordset($1::jsonb) AS r("id" text, "flowId" text, "environmentId" text, "stepId" text,
           "minute" timestamp(3), "rows" int, "state" jsonb)`,
        [JSON.stringify(rows)],
      );
    } catch (error) {
      // A lost minute of sketches costs one minute of profile, never a message: log and go on.
      this.log.warn({ err: String(error), partials: rows.length }, "profiling: could not write stream sketches");
      return 0;
    }
    return rows.length;
  }
}

function newProfiler(options: TProfileStepOptions): Profiler {
  return new Profiler({
    mode: "json",
    maxColumns: options.maxColumns,
    limits: { exactDistinct: options.exactDistinct },
  });
}

/** Plugs stream profiling into the engine's quality services: a sink per deployment, a flush every minute. */
export function profilingPart(host: TQualityHost): TQualityPart {
  const profiles = new StreamProfiles(host.pool, host.log);
  let timer: NodeJS.Timeout | null = null;
  return {
    forDeployment: (ctx) => ({ profiling: profiles.sinkFor(ctx) }),
    async start() {
      timer = setInterval(() => void profiles.flush(), MINUTE / 4);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await profiles.flush(true);
    },
  };
}
