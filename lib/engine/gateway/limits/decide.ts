// The pure part of a limit check: calendar windows, the token bucket as GCRA, and the decision over
// every limit at once. The stores read the state (on their own clock, under their own lock or script),
// call `decide`, and write back only what it says to consume. The Redis Lua script implements the same
// rules; the stores' integration tests hold both to the same answers.
import type { TLimitDecision, TLimitPolicy, TPlanLimits } from "@/lib/apis/limits-types";

export type TQuotaPeriod = "minute" | "day" | "month";
export const QUOTA_PERIODS: readonly TQuotaPeriod[] = ["minute", "day", "month"];

export type TWindow = { period: TQuotaPeriod; limit: number; startMs: number; endMs: number };

/** What the store read, before this request: the store's clock, the bucket's TAT, the current windows' counts. */
export type TLimitState = {
  nowMs: number;
  /** GCRA theoretical arrival time; 0 (or anything ≤ now) means a full bucket. */
  tatMs: number;
  /** Count per period in the window that contains nowMs; missing means 0. */
  counts: Partial<Record<TQuotaPeriod, number>>;
};

export type TLimitOutcome = {
  decision: TLimitDecision;
  /** Only when allowed: the bucket's new TAT (null: the plan has no bucket) and the windows to count it in. */
  consume: { tatMs: number | null; windows: TWindow[] } | null;
};

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The UTC calendar window of `period` containing `nowMs`: [start, end). */
export function windowOf(period: TQuotaPeriod, nowMs: number): { startMs: number; endMs: number } {
  if (period === "minute") {
    const startMs = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
    return { startMs, endMs: startMs + MINUTE_MS };
  }
  if (period === "day") {
    const startMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
    return { startMs, endMs: startMs + DAY_MS };
  }
  const d = new Date(nowMs);
  return {
    startMs: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1),
    endMs: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1),
  };
}

/** The plan's fixed-window quotas at `nowMs` (a period whose limit is null does not apply). */
export function windowsAt(plan: TPlanLimits, nowMs: number): TWindow[] {
  const limits: Record<TQuotaPeriod, number | null> = {
    minute: plan.perMinute,
    day: plan.perDay,
    month: plan.perMonth,
  };
  return QUOTA_PERIODS.flatMap((period) => {
    const limit = limits[period];
    return limit == null ? [] : [{ period, limit, ...windowOf(period, nowMs) }];
  });
}

export type TBucket = {
  /** Emission interval: ms per request at the sustained rate. */
  intervalMs: number;
  /** How many requests may arrive at once on a full bucket. */
  burst: number;
};

/**
 * The plan's token bucket, or null. Without a burst, the bucket holds one second's worth of requests
 * (at least one), so "10 per second" admits 10 at once and then one every 100 ms.
 */
export function bucketOf(plan: TPlanLimits): TBucket | null {
  if (plan.ratePerSecond == null || !(plan.ratePerSecond > 0)) return null;
  const burst = plan.burst != null && plan.burst > 0 ? plan.burst : Math.max(1, Math.round(plan.ratePerSecond));
  return { intervalMs: 1000 / plan.ratePerSecond, burst };
}

export type TGcra = {
  allowed: boolean;
  /** TAT after this request (unchanged when refused). */
  tatMs: number;
  /** Whole requests the bucket would still admit right now, after this one if allowed. */
  remaining: number;
  /** ms until this request could pass (0 when allowed). */
  waitMs: number;
  /** ms until the bucket is full again. */
  fullInMs: number;
};

/**
 * GCRA: a request arriving at `now` is admitted when the bucket's TAT, advanced by one interval, lies
 * no further than `burst` intervals ahead of now. A refused request leaves the TAT where it was, so
 * a client that keeps sending while refused still recovers as the bucket refills.
 */
export function gcra(bucket: TBucket, tatMs: number, nowMs: number): TGcra {
  const { intervalMs: t, burst } = bucket;
  const capacityMs = burst * t;
  const base = Math.max(tatMs, nowMs);
  const next = base + t;
  const allowAtMs = next - capacityMs;
  const epsilon = GCRA_EPSILON_MS;
  if (nowMs + epsilon < allowAtMs) {
    return {
      allowed: false,
      tatMs,
      remaining: 0,
      waitMs: allowAtMs - nowMs,
      fullInMs: base - nowMs,
    };
  }
  return {
    allowed: true,
    tatMs: next,
    remaining: clamp(Math.floor((nowMs + capacityMs - next + epsilon) / t), 0, burst),
    waitMs: 0,
    fullInMs: next - nowMs,
  };
}

/**
 * Tolerance for floating point: a TAT summed from 1000/3-ms intervals at epoch-ms magnitude (ulp ~0.2 µs)
 * and stored to the µs must not refuse a request that arrives on time. It never accumulates: an admitted
 * request advances the TAT by a whole interval from max(TAT, now). The Lua script uses the same value.
 */
export const GCRA_EPSILON_MS = 0.01;

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000 - 1e-9));

/**
 * One check over every limit of the plan. If any refuses, nothing is consumed: the quota counts and the
 * bucket stay as they were (a rejected request uses up nothing). Retry-After is the longest wait among
 * the limits that refused, since the request passes only when all of them would admit it.
 */
export function decide(plan: TPlanLimits, state: TLimitState): TLimitOutcome {
  const { nowMs } = state;
  const bucket = bucketOf(plan);
  const windows = windowsAt(plan, nowMs);
  const refusals: { by: string; waitMs: number }[] = [];

  const g = bucket ? gcra(bucket, state.tatMs, nowMs) : null;
  if (g && !g.allowed) refusals.push({ by: "burst", waitMs: g.waitMs });
  for (const w of windows) {
    const used = state.counts[w.period] ?? 0;
    if (used + 1 > w.limit) refusals.push({ by: w.period, waitMs: w.endMs - nowMs });
  }
  const allowed = refusals.length === 0;

  const policies: TLimitPolicy[] = [];
  if (bucket && g) {
    policies.push({
      name: "burst",
      limit: bucket.burst,
      // Whole seconds for the header: rounded up, so pacing at limit/window never overruns the rate.
      windowSeconds: Math.max(1, Math.ceil((bucket.burst * bucket.intervalMs) / 1000 - 1e-9)),
      remaining: allowed ? g.remaining : remainingNow(bucket, state.tatMs, nowMs),
      resetSeconds: seconds(allowed ? g.fullInMs : Math.max(state.tatMs, nowMs) - nowMs),
    });
  }
  for (const w of windows) {
    const used = (state.counts[w.period] ?? 0) + (allowed ? 1 : 0);
    policies.push({
      name: w.period,
      limit: w.limit,
      windowSeconds: Math.round((w.endMs - w.startMs) / 1000),
      remaining: clamp(w.limit - used, 0, w.limit),
      resetSeconds: seconds(w.endMs - nowMs),
    });
  }
  policies.sort((a, b) => a.remaining - b.remaining || a.windowSeconds - b.windowSeconds);

  if (!allowed) {
    const binding = refusals.reduce((a, b) => (b.waitMs > a.waitMs ? b : a));
    return {
      decision: {
        allowed: false,
        policies,
        retryAfterSeconds: Math.max(1, seconds(binding.waitMs)),
        refusedBy: binding.by,
      },
      consume: null,
    };
  }
  return {
    decision: { allowed: true, policies, retryAfterSeconds: 0 },
    consume: { tatMs: g ? g.tatMs : null, windows },
  };
}

/** Requests a bucket would admit right now without consuming any. */
function remainingNow(bucket: TBucket, tatMs: number, nowMs: number): number {
  const ahead = Math.max(tatMs, nowMs) - nowMs;
  return clamp(
    Math.floor((bucket.burst * bucket.intervalMs - ahead + GCRA_EPSILON_MS) / bucket.intervalMs),
    0,
    bucket.burst,
  );
}
