// One "gateway process" for the limits integration test: its own store instance (its own Redis
// connection or Postgres pool), optionally with a skewed local clock, firing consume() calls when the
// test says so over the IPC channel. Run with `node --import tsx` via child_process.fork.
import pg from "pg";
import type { TLimitDecision, TPlanLimits } from "@/lib/apis/limits-types";
import { createLimitStore } from "../index";

export type TWorkerConfig = {
  store: "redis" | "postgres";
  databaseUrl: string;
  redisUrl: string;
  keyPrefix: string;
  /** Added to this process's Date.now(): the stores must not care. */
  skewMs: number;
};

export type TWorkerRequest =
  | {
      type: "fire";
      consumerKey: string;
      plan: TPlanLimits;
      /** Stop after this many requests… */
      requests: number;
      /** …or after this long, whichever comes first. */
      durationMs?: number;
      concurrency: number;
    }
  | { type: "stop" };

export type TWorkerReply =
  | { type: "ready"; pid: number; localNow: number }
  | { type: "done"; admitted: number; refused: number; refusedBy: Record<string, number>; last: TLimitDecision | null }
  | { type: "error"; message: string };

const config = JSON.parse(process.argv[2] ?? "{}") as TWorkerConfig;
if (config.skewMs) {
  const realNow = Date.now.bind(Date);
  Date.now = () => realNow() + config.skewMs;
}
const send = (m: TWorkerReply) => process.send?.(m);

const log = { info() {}, warn() {}, error: (o: object, m?: string) => console.error(m, o) };
// A plain pool, not the engine's (which pins the session to UTC): the store must not depend on it.
const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 8 });
pool.on("error", () => undefined);
const store = await createLimitStore({
  redisUrl: config.store === "redis" ? config.redisUrl : undefined,
  pool,
  log,
  keyPrefix: config.keyPrefix,
});

process.on("message", (raw: TWorkerRequest) => {
  if (raw.type === "stop") {
    void store
      .close()
      .then(() => pool.end())
      .finally(() => process.exit(0));
    return;
  }
  void (async () => {
    let next = 0;
    let admitted = 0;
    let refused = 0;
    let last: TLimitDecision | null = null;
    const refusedBy: Record<string, number> = {};
    // performance.now(), not Date.now(): the skewed clock must not shorten the run.
    const until = raw.durationMs ? performance.now() + raw.durationMs : Infinity;
    const lane = async () => {
      while (next < raw.requests && performance.now() < until) {
        next++;
        const d = await store.consume(raw.consumerKey, raw.plan);
        last = d;
        if (d.allowed) admitted++;
        else {
          refused++;
          refusedBy[d.refusedBy ?? "?"] = (refusedBy[d.refusedBy ?? "?"] ?? 0) + 1;
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: raw.concurrency }, lane));
      send({ type: "done", admitted, refused, refusedBy, last });
    } catch (error) {
      send({ type: "error", message: String(error) });
    }
  })();
});

send({ type: "ready", pid: process.pid, localNow: Date.now() });
