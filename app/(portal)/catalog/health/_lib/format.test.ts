import { describe, expect, it } from "vitest";
import { dueLabel, formatDay, scoreTone } from "./format";

const now = new Date("2026-06-15T12:00:00Z");

describe("health formatting", () => {
  it("names how far a due date is", () => {
    expect(dueLabel("2026-06-18T12:00:00Z", now)).toBe("due in 3 days");
    expect(dueLabel("2026-06-16T12:00:00Z", now)).toBe("due in 1 day");
    expect(dueLabel("2026-06-15T18:00:00Z", now)).toBe("due today");
    expect(dueLabel("2026-06-15T08:00:00Z", now)).toBe("due today, now overdue");
    expect(dueLabel("2026-06-11T12:00:00Z", now)).toBe("4 days overdue");
  });

  it("formats days in UTC and tones scores", () => {
    expect(formatDay("2026-06-15T23:59:59.999Z")).toBe("15 Jun 2026");
    expect(formatDay(null)).toBe("—");
    expect([scoreTone(null), scoreTone(85), scoreTone(60), scoreTone(59)]).toEqual([
      "neutral",
      "success",
      "warning",
      "danger",
    ]);
  });
});
