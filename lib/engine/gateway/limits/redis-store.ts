import { Redis } from "ioredis";
import type { TLimitStore, TPlanLimits } from "@/lib/apis/limits-types";
import type { TLog } from "@/lib/engine/runtime/context";
import { bucketOf, decide, QUOTA_PERIODS, type TQuotaPeriod } from "./decide";
import { LUA_CONSUME } from "./lua";

export type TRedisLimitOptions = {
  url: string;
  log: TLog;
  /** Prepended to every key; tests use one of their own. */
  keyPrefix?: string;
};

export const DEFAULT_REDIS_LIMIT_PREFIX = "sb:limits:";

type TScriptReply = [number, string, string, number, number, number];
type TWithConsume = Redis & {
  sbLimitConsume(base: string, ...args: string[]): Promise<TScriptReply>;
};

const arg = (n: number | null | undefined) => (n == null ? "" : String(n));

/** The key base for one consumer: its braces make every key of the consumer one Redis Cluster hash slot. */
export function redisLimitKeyBase(prefix: string, consumerKey: string): string {
  return `${prefix}{${consumerKey}}`;
}

/**
 * Limits in Redis: one Lua script per check reads the server's clock (TIME), checks the bucket and
 * every quota window, and consumes only if all admit it; Redis runs scripts one at a time, so every
 * gateway process sees the same counts. ioredis sends the script by EVALSHA and loads it on NOSCRIPT.
 */
export async function createRedisLimitStore(opts: TRedisLimitOptions): Promise<TLimitStore> {
  const prefix = opts.keyPrefix ?? DEFAULT_REDIS_LIMIT_PREFIX;
  const redis = new Redis(opts.url, {
    lazyConnect: true,
    // A check must not wait for a reconnect forever: the gateway answers 503 when the store is gone.
    maxRetriesPerRequest: 1,
    enableAutoPipelining: true,
    connectionName: "switchboard-api-limits",
  }) as TWithConsume;
  redis.on("error", (error: Error) => opts.log.warn({ err: String(error) }, "redis limit store connection error"));
  redis.defineCommand("sbLimitConsume", { numberOfKeys: 1, lua: LUA_CONSUME });
  await redis.connect();
  await redis.ping();

  return {
    kind: "redis",

    async consume(consumerKey: string, plan: TPlanLimits) {
      const bucket = bucketOf(plan);
      const reply = await redis.sbLimitConsume(
        redisLimitKeyBase(prefix, consumerKey),
        bucket ? String(bucket.intervalMs) : "",
        bucket ? String(bucket.burst) : "",
        arg(plan.perMinute),
        arg(plan.perDay),
        arg(plan.perMonth),
      );
      const [allowed, nowMs, tatMs, ...read] = reply;
      const counts: Partial<Record<TQuotaPeriod, number>> = {};
      QUOTA_PERIODS.forEach((p, i) => {
        if (read[i] >= 0) counts[p] = read[i];
      });
      const outcome = decide(plan, { nowMs: Number(nowMs), tatMs: Number(tatMs), counts });
      if (outcome.decision.allowed !== (allowed === 1)) {
        // The script's answer is what happened; decide() only describes it. They share formulas, so
        // this means the two drifted apart: say so loudly and report what the script did.
        opts.log.error({ consumerKey, scriptAllowed: allowed === 1 }, "redis limit script and decide() disagree");
        return { ...outcome.decision, allowed: allowed === 1, retryAfterSeconds: allowed === 1 ? 0 : 1 };
      }
      return outcome.decision;
    },

    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
