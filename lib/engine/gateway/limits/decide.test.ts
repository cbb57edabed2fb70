import { describe, expect, it } from "vitest";
import type { TPlanLimits } from "@/lib/apis/limits-types";
import { bucketOf, decide, gcra, windowOf, windowsAt, type TLimitState } from "./decide";

const NONE: TPlanLimits = { ratePerSecond: null, burst: null, perMinute: null, perDay: null, perMonth: null };
const at = (iso: string) => Date.parse(iso);

/** Runs `n` requests through decide() at the given times, applying what it consumes, as a store would. */
function run(plan: TPlanLimits, times: number[], start: Partial<TLimitState> = {}) {
  const state: TLimitState = { nowMs: 0, tatMs: start.tatMs ?? 0, counts: { ...start.counts } };
  let window: Record<string, number> = {};
  return times.map((nowMs) => {
    // A store reads the count of the window that contains now: a new window starts at 0.
    const counts: TLimitState["counts"] = {};
    for (const w of windowsAt(plan, nowMs)) counts[w.period] = window[`${w.period}:${w.startMs}`] ?? 0;
    const outcome = decide(plan, { nowMs, tatMs: state.tatMs, counts });
    if (outcome.consume) {
      if (outcome.consume.tatMs != null) state.tatMs = outcome.consume.tatMs;
      for (const w of outcome.consume.windows) {
        const k = `${w.period}:${w.startMs}`;
        window = { ...window, [k]: (window[k] ?? 0) + 1 };
      }
    }
    return outcome;
  });
}

describe("calendar windows (UTC, on the store's clock)", () => {
  it("minute, day and month windows contain the instant and end where the next begins", () => {
    const now = at("2026-12-02T13:45:59.999Z");
    expect(windowOf("minute", now)).toEqual({ startMs: at("2026-12-02T13:45:00Z"), endMs: at("2026-12-02T13:46:00Z") });
    expect(windowOf("day", now)).toEqual({ startMs: at("2026-12-02T00:00:00Z"), endMs: at("2026-12-03T00:00:00Z") });
    expect(windowOf("month", now)).toEqual({ startMs: at("2026-12-01T00:00:00Z"), endMs: at("2027-01-01T00:00:00Z") });
    expect(windowOf("minute", at("2026-12-02T13:46:00Z")).startMs).toBe(at("2026-12-02T13:46:00Z"));
  });

  it("months have their own lengths: February in a leap year, and the year's turn", () => {
    expect(windowOf("month", at("2028-02-29T23:59:59Z"))).toEqual({
      startMs: at("2028-02-01T00:00:00Z"),
      endMs: at("2028-03-01T00:00:00Z"),
    });
    expect(windowOf("month", at("2026-12-31T23:59:59.999Z")).endMs).toBe(at("2027-01-01T00:00:00Z"));
    expect(windowOf("month", at("2027-01-01T00:00:00Z")).startMs).toBe(at("2027-01-01T00:00:00Z"));
  });

  it("only the plan's quotas apply", () => {
    const ws = windowsAt({ ...NONE, perDay: 10 }, at("2026-12-02T10:00:00Z"));
    expect(ws.map((w) => [w.period, w.limit])).toEqual([["day", 10]]);
  });
});

describe("GCRA token bucket", () => {
  const bucket = { intervalMs: 100, burst: 5 }; // 10/s, 5 at once

  it("admits the burst at once on a full bucket, then refuses until one interval has refilled", () => {
    let tat = 0;
    const now = 1_000_000;
    for (let i = 0; i < 5; i++) {
      const g = gcra(bucket, tat, now);
      expect(g).toMatchObject({ allowed: true, remaining: 4 - i });
      tat = g.tatMs;
    }
    const refused = gcra(bucket, tat, now);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, tatMs: tat });
    expect(refused.waitMs).toBeCloseTo(100, 6);
    expect(gcra(bucket, tat, now + 99).allowed).toBe(false);
    expect(gcra(bucket, tat, now + 100)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it("refills to full after burst × interval and never beyond", () => {
    const tat = 1_000_500; // drained at 1_000_000
    expect(gcra(bucket, tat, 1_000_500)).toMatchObject({ allowed: true, remaining: 4 });
    expect(gcra(bucket, tat, 5_000_000)).toMatchObject({ allowed: true, remaining: 4, fullInMs: 100 });
  });

  it("keeps exact pace for a rate whose interval is not a whole number of ms", () => {
    const b = bucketOf({ ...NONE, ratePerSecond: 3, burst: 3 })!;
    let tat = 0;
    let admitted = 0;
    // Requests every millisecond for 10 s: the full bucket's 3 at t=0, then one per 333⅓ ms up to t=10 000.
    for (let now = 0; now <= 10_000; now++) {
      const g = gcra(b, tat, 1e12 + now);
      if (g.allowed) {
        admitted++;
        tat = g.tatMs;
      }
    }
    expect(admitted).toBe(33);
  });

  it("without a burst the bucket holds a second of requests; without a rate there is no bucket", () => {
    expect(bucketOf({ ...NONE, ratePerSecond: 10 })).toEqual({ intervalMs: 100, burst: 10 });
    expect(bucketOf({ ...NONE, ratePerSecond: 0.5 })).toEqual({ intervalMs: 2000, burst: 1 });
    expect(bucketOf({ ...NONE, burst: 10 })).toBeNull();
  });
});

describe("decide: one check over every limit", () => {
  it("a refused request consumes nothing: not the minute's count, not the bucket", () => {
    const plan = { ...NONE, ratePerSecond: 10, burst: 5, perMinute: 3 };
    const t0 = at("2026-12-02T10:00:00Z");
    const out = run(plan, [t0, t0, t0, t0, t0 + 1000]);
    expect(out.map((o) => o.decision.allowed)).toEqual([true, true, true, false, false]);
    expect(out[3].decision.refusedBy).toBe("minute");
    expect(out[3].consume).toBeNull();
    // The bucket was not drained by the two refusals: 5 − 3 = 2 tokens left (plus refill, capped at 5).
    expect(out[4].decision.policies.find((p) => p.name === "burst")?.remaining).toBe(5);
  });

  it("a request the bucket refuses does not count against the quotas", () => {
    const plan = { ...NONE, ratePerSecond: 1, burst: 1, perDay: 100 };
    const t0 = at("2026-12-02T10:00:00Z");
    const out = run(plan, [t0, t0 + 10, t0 + 20, t0 + 1000]);
    expect(out.map((o) => o.decision.allowed)).toEqual([true, false, false, true]);
    expect(out[3].decision.policies.find((p) => p.name === "day")?.remaining).toBe(98);
  });

  it("a client that keeps sending while refused recovers as the bucket refills", () => {
    const plan = { ...NONE, ratePerSecond: 10, burst: 2 };
    const t0 = 1e12;
    const times = Array.from({ length: 100 }, (_, i) => t0 + i * 10); // 100/s for 1 s
    const admitted = run(plan, times).filter((o) => o.decision.allowed).length;
    expect(admitted).toBe(2 + 9); // the burst, then one per 100 ms
  });

  it("admits exactly the limit in a window and starts afresh in the next one", () => {
    const plan = { ...NONE, perMinute: 5 };
    const t0 = at("2026-12-02T10:00:59.000Z");
    const out = run(plan, [...Array(7).fill(t0), ...Array(7).fill(t0 + 1000)]);
    expect(out.map((o) => o.decision.allowed)).toEqual([
      ...[true, true, true, true, true, false, false],
      ...[true, true, true, true, true, false, false],
    ]);
    expect(out[5].decision.retryAfterSeconds).toBe(1);
  });

  it("Retry-After is the longest wait of the limits that refuse; the binding limit is named", () => {
    const plan = { ...NONE, ratePerSecond: 1, burst: 1, perDay: 1 };
    const t0 = at("2026-12-02T23:00:00Z");
    const out = run(plan, [t0, t0]);
    expect(out[1].decision).toMatchObject({ allowed: false, refusedBy: "day", retryAfterSeconds: 3600 });
  });

  it("lists every policy, tightest first, with remaining after this request and seconds to reset", () => {
    const plan = { ...NONE, perMinute: 1000, perDay: 10, perMonth: 100_000 };
    const now = at("2026-12-02T10:00:18.000Z");
    const { decision } = decide(plan, { nowMs: now, tatMs: 0, counts: { minute: 1, day: 2, month: 3 } });
    expect(decision).toEqual({
      allowed: true,
      retryAfterSeconds: 0,
      policies: [
        { name: "day", limit: 10, windowSeconds: 86_400, remaining: 7, resetSeconds: 50_382 },
        { name: "minute", limit: 1000, windowSeconds: 60, remaining: 998, resetSeconds: 42 },
        { name: "month", limit: 100_000, windowSeconds: 31 * 86_400, remaining: 99_996, resetSeconds: 2_555_982 },
      ],
    });
  });

  it("a plan with no limits admits everything and lists no policy", () => {
    expect(decide(NONE, { nowMs: 1, tatMs: 0, counts: {} })).toEqual({
      decision: { allowed: true, policies: [], retryAfterSeconds: 0 },
      consume: { tatMs: null, windows: [] },
    });
  });

  it("a limit of zero refuses until the window ends", () => {
    const now = at("2026-12-02T10:00:00.500Z");
    const { decision } = decide({ ...NONE, perMinute: 0 }, { nowMs: now, tatMs: 0, counts: {} });
    expect(decision).toMatchObject({ allowed: false, refusedBy: "minute", retryAfterSeconds: 60 });
  });
});
