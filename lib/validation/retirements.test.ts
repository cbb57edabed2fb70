import { describe, expect, it } from "vitest";
import { scheduleIssues, toFieldErrors, ZAddBrownout, ZDeprecateInput } from "./retirements";

const now = new Date("2026-03-01T00:00:00.000Z");
const h = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
const sunsetAt = h(24 * 30);

describe("scheduleIssues", () => {
  it("accepts ordered, non-overlapping windows before a future sunset", () => {
    expect(
      scheduleIssues({
        sunsetAt,
        now,
        brownouts: [
          { startsAt: h(48), endsAt: h(49) },
          { startsAt: h(49), endsAt: h(73) },
        ],
      }),
    ).toEqual([]);
  });

  it.each([
    ["shorter than a minute", { startsAt: h(1), endsAt: new Date(h(1).getTime() + 59_000) }, "at least 1 minute"],
    ["ending before it starts", { startsAt: h(2), endsAt: h(1) }, "at least 1 minute"],
    ["longer than a day", { startsAt: h(1), endsAt: h(25.5) }, "at most 24 hours"],
    ["after the sunset", { startsAt: h(24 * 30 - 1), endsAt: h(24 * 30 + 1) }, "end by the sunset"],
    ["already over", { startsAt: h(-3), endsAt: h(-2) }, "already ended"],
  ])("refuses a window %s", (_label, window, message) => {
    const issues = scheduleIssues({ sunsetAt, now, brownouts: [window] });
    expect(issues.map((i) => i.message).join(" ")).toContain(message);
    expect(issues[0]?.path).toBe("brownouts.0.endsAt");
  });

  it("refuses overlapping windows, also against stored ones", () => {
    const issues = scheduleIssues({
      sunsetAt,
      now,
      brownouts: [
        { startsAt: h(10), endsAt: h(12) },
        { startsAt: h(11), endsAt: h(13) },
      ],
    });
    expect(issues).toEqual([expect.objectContaining({ path: "brownouts.1.startsAt" })]);
    expect(issues[0]!.message).toContain("must not overlap");

    const against = scheduleIssues({
      sunsetAt,
      now,
      path: "",
      existing: [{ startsAt: h(10), endsAt: h(12) }],
      brownouts: [{ startsAt: h(9), endsAt: h(10.5) }],
    });
    expect(against.map((i) => i.path)).toEqual(["startsAt"]);
  });

  it("refuses a sunset in the past only when it knows the clock", () => {
    expect(scheduleIssues({ sunsetAt: h(-1), now, brownouts: [] })[0]?.path).toBe("sunsetAt");
    expect(scheduleIssues({ sunsetAt: h(-1), brownouts: [] })).toEqual([]);
  });

  it("groups issues by field for the form", () => {
    expect(
      toFieldErrors([
        { path: "a", message: "1" },
        { path: "a", message: "2" },
      ]),
    ).toEqual({ a: ["1", "2"] });
  });
});

describe("ZDeprecateInput", () => {
  const base = { subjectKind: "flow", subjectId: "f1", reason: "Replaced by v2", sunsetAt: sunsetAt.toISOString() };

  it("defaults the quiet period to 30 days and reads brownouts sent as JSON text", () => {
    const parsed = ZDeprecateInput.parse({
      ...base,
      quietDays: "",
      brownouts: JSON.stringify([{ startsAt: h(1).toISOString(), endsAt: h(2).toISOString() }]),
    });
    expect(parsed.quietDays).toBe(30);
    expect(parsed.brownouts[0]?.startsAt).toEqual(h(1));
  });

  it("reports a bad window at its field path", () => {
    const result = ZDeprecateInput.safeParse({ ...base, brownouts: [{ startsAt: h(1), endsAt: h(30) }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["brownouts", "0", "endsAt"]);
  });

  it("refuses an unknown kind and a zero quiet period", () => {
    expect(ZDeprecateInput.safeParse({ ...base, subjectKind: "system" }).success).toBe(false);
    expect(ZDeprecateInput.safeParse({ ...base, quietDays: 0 }).success).toBe(false);
  });
});

describe("ZAddBrownout", () => {
  it("checks the window's length before the service sees it", () => {
    expect(ZAddBrownout.safeParse({ retirementId: "r", startsAt: h(1), endsAt: h(1) }).success).toBe(false);
    expect(ZAddBrownout.safeParse({ retirementId: "r", startsAt: h(1), endsAt: h(2) }).success).toBe(true);
  });
});
