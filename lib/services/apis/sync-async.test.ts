import { describe, expect, it } from "vitest";
import { adviseSyncAsync, MIN_CALLS_FOR_ADVICE, type TSyncAsyncInput } from "./sync-async";

const base: TSyncAsyncInput = {
  operation: "POST /reports",
  calls: 5_000,
  p95Ms: 100,
  p99Ms: 200,
  syncTimeoutMs: 10_000,
  consumers: [],
};

describe("adviseSyncAsync", () => {
  const cases: [string, Partial<TSyncAsyncInput>, string, number, string | null][] = [
    // [case, input, overall, budget, constrainedBy]
    ["fast against the sync timeout", {}, "sync", 10_000, null],
    ["p99 over half the timeout", { p95Ms: 3_000, p99Ms: 6_000 }, "either", 10_000, null],
    ["p99 over the timeout, p95 within", { p95Ms: 8_000, p99Ms: 12_000 }, "either", 10_000, null],
    ["p95 over the timeout", { p95Ms: 11_000, p99Ms: 20_000 }, "async", 10_000, null],
    [
      "a consumer's tight tolerance decides",
      {
        p95Ms: 800,
        p99Ms: 1_500,
        consumers: [
          { consumerId: "a", name: "Shop", latencyToleranceMs: 500 },
          { consumerId: "b", name: "Batch", latencyToleranceMs: 60_000 },
          { consumerId: "c", name: "Quiet", latencyToleranceMs: null },
        ],
      },
      "async",
      500,
      "Shop",
    ],
    [
      "a tolerance looser than the timeout is capped by it",
      { p95Ms: 800, p99Ms: 1_500, consumers: [{ consumerId: "b", name: "Batch", latencyToleranceMs: 60_000 }] },
      "sync",
      10_000,
      null,
    ],
  ];
  it.each(cases)("%s", (_, over, recommendation, budgetMs, constrainedBy) => {
    const advice = adviseSyncAsync({ ...base, ...over });
    expect(advice.recommendation).toBe(recommendation);
    expect(advice.budgetMs).toBe(budgetMs);
    expect(advice.constrainedBy).toBe(constrainedBy);
    expect(advice.isMeasured).toBe(true);
  });

  it("gives each consumer its own answer and names the numbers in the reason", () => {
    const advice = adviseSyncAsync({
      ...base,
      p95Ms: 800,
      p99Ms: 1_500,
      consumers: [
        { consumerId: "a", name: "Shop", latencyToleranceMs: 500 },
        { consumerId: "b", name: "Batch", latencyToleranceMs: 60_000 },
        { consumerId: "c", name: "Kiosk", latencyToleranceMs: 2_000 },
      ],
    });
    expect(advice.reason).toContain("p95 800 ms is over Shop's tolerance of 500 ms");
    expect(advice.consumers.map((c) => [c.name, c.recommendation, c.budgetMs])).toEqual([
      ["Shop", "async", 500],
      ["Batch", "sync", 10_000],
      ["Kiosk", "either", 2_000],
    ]);
    expect(advice.consumers[1].reason).toContain("the sync timeout of 10 s");
    expect(advice.consumers[2].reason).toContain("its tolerance of 2.0 s");
  });

  it("says either, unmeasured, when there are too few calls", () => {
    const few = adviseSyncAsync({ ...base, calls: MIN_CALLS_FOR_ADVICE - 1, p95Ms: 50_000, p99Ms: 60_000 });
    expect(few).toMatchObject({ recommendation: "either", isMeasured: false });
    expect(few.reason).toContain(`Only ${MIN_CALLS_FOR_ADVICE - 1} calls`);
    const none = adviseSyncAsync({ ...base, calls: 0, p95Ms: null, p99Ms: null });
    expect(none.reason).toContain("No calls in the last 7 days");
  });

  it("treats the budget edges as inclusive", () => {
    expect(adviseSyncAsync({ ...base, p95Ms: 2_000, p99Ms: 5_000 }).recommendation).toBe("sync");
    expect(adviseSyncAsync({ ...base, p95Ms: 10_000, p99Ms: 10_000 }).recommendation).toBe("either");
    expect(adviseSyncAsync({ ...base, p95Ms: 10_001, p99Ms: 10_001 }).recommendation).toBe("async");
  });
});
