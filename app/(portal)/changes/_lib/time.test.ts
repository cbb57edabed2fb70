import { describe, expect, it } from "vitest";
import { dayFrom, defaultWindow, monthFrom, utcFromLocalInput } from "./time";

describe("change window times", () => {
  it("reads a datetime-local value as UTC", () => {
    expect(utcFromLocalInput("2026-12-02T14:30")).toBe("2026-12-02T14:30:00.000Z");
    expect(utcFromLocalInput("2026-12-02")).toBe("");
  });
  it("defaults to the next full hour at least five minutes away, for two hours", () => {
    const { start, end } = defaultWindow(new Date("2026-12-02T13:57:00Z"));
    expect(start.toISOString()).toBe("2026-12-02T15:00:00.000Z");
    expect(end.toISOString()).toBe("2026-12-02T17:00:00.000Z");
    expect(defaultWindow(new Date("2026-12-02T13:10:00Z")).start.toISOString()).toBe("2026-12-02T14:00:00.000Z");
  });
  it("parses month and day parameters, falling back on bad input", () => {
    const now = new Date("2026-12-02T10:00:00Z");
    expect(monthFrom("2027-03", now).toISOString()).toBe("2027-03-01T00:00:00.000Z");
    expect(monthFrom("2027-13", now).toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(dayFrom("2026-12-24", now).toISOString()).toBe("2026-12-24T00:00:00.000Z");
    expect(dayFrom("tomorrow", now)).toBe(now);
  });
});
