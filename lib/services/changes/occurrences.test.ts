import { describe, expect, it } from "vitest";
import { insideOccurrence, occurrencesBetween, parseRrule } from "./occurrences";

// Quarter-end freeze: the last day of March, June, September and December, all day.
const QUARTER_END = "DTSTART:20260101T000000Z\nRRULE:FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1";
// Saturday night maintenance 22:00–02:00 UTC.
const SATURDAY = "DTSTART:20260103T220000Z\nRRULE:FREQ=WEEKLY;BYDAY=SA";
const d = (s: string) => new Date(s);

describe("window occurrences", () => {
  it("expands a quarter-end RRULE in UTC", () => {
    const occ = occurrencesBetween(QUARTER_END, 24 * 60, d("2026-01-01T00:00:00Z"), d("2027-01-01T00:00:00Z"));
    expect(occ.map((o) => o.start.toISOString())).toEqual([
      "2026-03-31T00:00:00.000Z",
      "2026-06-30T00:00:00.000Z",
      "2026-09-30T00:00:00.000Z",
      "2026-12-31T00:00:00.000Z",
    ]);
    expect(occ[0].end.toISOString()).toBe("2026-04-01T00:00:00.000Z");
  });

  it("includes an occurrence that started before the range but still overlaps it", () => {
    const occ = occurrencesBetween(QUARTER_END, 24 * 60, d("2026-03-31T12:00:00Z"), d("2026-03-31T13:00:00Z"));
    expect(occ).toHaveLength(1);
    expect(occurrencesBetween(QUARTER_END, 24 * 60, d("2026-04-01T00:00:00Z"), d("2026-04-02T00:00:00Z"))).toEqual([]);
  });

  it("tells whether a change window lies inside a maintenance occurrence", () => {
    expect(insideOccurrence(SATURDAY, 240, d("2026-01-10T23:00:00Z"), d("2026-01-11T01:00:00Z"))).toBe(true);
    expect(insideOccurrence(SATURDAY, 240, d("2026-01-10T21:00:00Z"), d("2026-01-10T23:00:00Z"))).toBe(false);
    expect(insideOccurrence(SATURDAY, 240, d("2026-01-12T10:00:00Z"), d("2026-01-12T11:00:00Z"))).toBe(false);
  });

  it("says what to fix in a rule it cannot read", () => {
    expect(parseRrule("RRULE:FREQ=WEEKLY")).toEqual({ error: expect.stringContaining("DTSTART") });
    expect(parseRrule("DTSTART:20260101T000000Z")).toEqual({ error: expect.stringContaining("RRULE:FREQ") });
    expect(parseRrule("DTSTART:20260101T000000Z\nRRULE:FREQ=SOMETIMES")).toEqual({
      error: expect.stringContaining("cannot be read"),
    });
    expect("rule" in parseRrule(QUARTER_END)).toBe(true);
  });
});
