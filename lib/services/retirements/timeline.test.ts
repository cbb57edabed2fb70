import { describe, expect, it } from "vitest";
import { buildTimeline, DAY_MS, quietState, refusalMessage } from "./timeline";

const T0 = new Date("2026-03-01T00:00:00.000Z");
const at = (days: number, hours = 0) => new Date(T0.getTime() + days * DAY_MS + hours * 3_600_000);

describe("quietState", () => {
  it("is quiet when nothing was ever observed", () => {
    const q = quietState(null, 30, at(1));
    expect(q).toMatchObject({ isQuiet: true, daysQuiet: null, quietFrom: null });
  });

  it("counts whole days since the last call and says when the period completes", () => {
    const q = quietState(at(0), 30, at(12, 5));
    expect(q.isQuiet).toBe(false);
    expect(q.daysQuiet).toBe(12);
    expect(q.quietFrom?.toISOString()).toBe(at(30).toISOString());
  });

  it("is quiet exactly when the required days have passed", () => {
    expect(quietState(at(0), 30, new Date(at(30).getTime() - 1)).isQuiet).toBe(false);
    expect(quietState(at(0), 30, at(30)).isQuiet).toBe(true);
  });

  it("treats a call later than the clock as zero days of quiet", () => {
    expect(quietState(at(5), 7, at(2))).toMatchObject({ isQuiet: false, daysQuiet: 0 });
  });
});

describe("refusalMessage", () => {
  it("names the caller, the last call and until when retirement stays refused", () => {
    const message = refusalMessage('flow "orders"', quietState(at(0, 9), 30, at(3)), "erp.example");
    expect(message).toContain('Retiring flow "orders" is refused: erp.example called it at 2026-03-01 09:00 UTC');
    expect(message).toContain("2 days ago");
    expect(message).toContain("needs 30 days without traffic");
    expect(message).toContain("refused until 2026-03-31 09:00 UTC");
    expect(message).toContain("waiver");
  });

  it("is null once the period is over", () => {
    expect(refusalMessage("x", quietState(at(0), 7, at(8)), "a")).toBeNull();
  });

  it("says the flow handled traffic when only the metrics saw it", () => {
    expect(refusalMessage("x", quietState(at(0), 7, at(1)), "")).toContain("it handled traffic at");
  });
});

describe("buildTimeline", () => {
  const brownouts = [
    { id: "b2", startsAt: at(20), endsAt: at(20, 2) },
    { id: "b1", startsAt: at(10), endsAt: at(10, 1) },
  ];
  const base = {
    status: "deprecated" as const,
    deprecatedAt: at(0),
    sunsetAt: at(30),
    retiredAt: null,
    cancelledAt: null,
    brownouts,
  };

  it("orders deprecation, brownouts and sunset and places now between them", () => {
    const t = buildTimeline({ ...base, now: at(15) });
    expect(t.events.map((e) => e.kind)).toEqual(["deprecated", "brownout", "brownout", "sunset"]);
    expect(t.events.map((e) => e.label)).toEqual(["Deprecated", "Brownout 1", "Brownout 2", "Sunset"]);
    expect(t.events.map((e) => e.state)).toEqual(["past", "past", "upcoming", "upcoming"]);
    expect(t.nowOffset).toBeGreaterThan(t.events[1]!.offset);
    expect(t.nowOffset).toBeLessThan(t.events[2]!.offset);
    expect(t.events[0]!.offset).toBe(0);
    expect(t.events[3]!.offset).toBeLessThan(1);
    expect(t.phase).toBe("deprecated");
    expect(t.next?.id).toBe("b2");
  });

  it("marks a running brownout active and the phase in_brownout", () => {
    const t = buildTimeline({ ...base, now: at(20, 1) });
    expect(t.events.find((e) => e.id === "b2")?.state).toBe("active");
    expect(t.phase).toBe("in_brownout");
    expect(t.next?.kind).toBe("sunset");
  });

  it("gives a brownout a width proportional to its length", () => {
    const t = buildTimeline({ ...base, now: at(1) });
    const [b1, b2] = t.events.filter((e) => e.kind === "brownout");
    expect(b2!.width! / b1!.width!).toBeCloseTo(2, 5);
  });

  it("stretches the axis past the sunset when now is later, and ends with nothing next", () => {
    const t = buildTimeline({ ...base, now: at(40) });
    expect(t.phase).toBe("past_sunset");
    expect(t.nowOffset).toBeLessThan(1);
    expect(t.nowOffset).toBeGreaterThan(t.events.at(-1)!.offset);
    expect(t.next).toBeNull();
  });

  it("adds the retirement as the last event", () => {
    const t = buildTimeline({ ...base, status: "retired", retiredAt: at(31), now: at(32) });
    expect(t.events.at(-1)?.kind).toBe("retired");
    expect(t.phase).toBe("retired");
    expect(t.next).toBeNull();
  });
});
