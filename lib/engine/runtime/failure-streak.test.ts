import { describe, expect, it } from "vitest";
import { FailureStreak } from "./failure-streak";

describe("FailureStreak", () => {
  it("reports the first failure, then once per interval with the count, and the recovery once", () => {
    let now = 0;
    const streak = new FailureStreak(60_000, () => now);
    expect(streak.succeeded()).toBeNull();
    expect(streak.failed()).toBe(1);
    now = 15_000;
    expect(streak.failed()).toBe(0);
    now = 30_000;
    expect(streak.failed()).toBe(0);
    now = 61_000;
    expect(streak.failed()).toBe(3); // the two quiet ones and this one
    now = 70_000;
    expect(streak.succeeded()).toEqual({ failures: 4, forMs: 70_000 });
    expect(streak.succeeded()).toBeNull();
    now = 71_000;
    expect(streak.failed()).toBe(1); // a new streak is reported at once
  });
});
