import { describe, expect, it } from "vitest";
import {
  binLabel,
  describeRunProgress,
  formatDuration,
  formatRate,
  formatRows,
  patternRows,
  runProgress,
  trendSeries,
} from "./present";

describe("formatRate", () => {
  it.each([
    [0, "0%"],
    [1, "100%"],
    [0.1234, "12.3%"],
    [0.0004, "<0.1%"],
    [0.9996, ">99.9%"],
    [Number.NaN, "—"],
  ])("%s → %s", (rate, text) => expect(formatRate(rate)).toBe(text));
});

describe("runProgress", () => {
  it("is a fraction when the total is known, capped below 100% until the run succeeds", () => {
    expect(runProgress({ status: "running", rowsDone: 50, rowsTotal: 200 })).toBe(0.25);
    expect(runProgress({ status: "running", rowsDone: 250, rowsTotal: 200 })).toBe(0.99);
    expect(runProgress({ status: "succeeded", rowsDone: 250, rowsTotal: 200 })).toBe(1);
  });
  it("is indeterminate (null) without a total", () => {
    expect(runProgress({ status: "running", rowsDone: 50, rowsTotal: null })).toBeNull();
    expect(runProgress({ status: "queued", rowsDone: 0, rowsTotal: 0 })).toBeNull();
  });
  it("describes each state", () => {
    expect(describeRunProgress({ status: "queued", rowsDone: 0, rowsTotal: null })).toMatch(/Waiting/);
    expect(describeRunProgress({ status: "running", rowsDone: 1500, rowsTotal: 3000 })).toBe(
      "Profiling: 1,500 rows of about 3,000…",
    );
    expect(describeRunProgress({ status: "running", rowsDone: 1, rowsTotal: null })).toBe("Profiling: 1 row so far…");
    expect(describeRunProgress({ status: "succeeded", rowsDone: 10, rowsTotal: null })).toBe("Profiled 10 rows.");
  });
});

describe("formatDuration", () => {
  it("reads seconds, minutes and hours", () => {
    expect(formatDuration("2026-01-01T00:00:00Z", "2026-01-01T00:00:12Z")).toBe("12 s");
    expect(formatDuration("2026-01-01T00:00:00Z", "2026-01-01T00:03:10Z")).toBe("3 min 10 s");
    expect(formatDuration("2026-01-01T00:00:00Z", "2026-01-01T01:04:00Z")).toBe("1 h 4 min");
    expect(formatDuration(null, "2026-01-01T01:04:00Z")).toBe("—");
  });
});

describe("distributions", () => {
  it("labels one-value bins and ranges", () => {
    expect(binLabel({ from: 5, to: 5 })).toBe("5");
    expect(binLabel({ from: 0, to: 9.5 })).toBe("0 – 9.5");
  });
  it("orders formats by count with their shares", () => {
    expect(formatRows({ formats: { text: 1, email: 3 } })).toEqual([
      { label: "email", count: 3, share: 0.75 },
      { label: "text", count: 1, share: 0.25 },
    ]);
  });
  it("folds patterns past the top and the sketch's overflow into (other)", () => {
    const rows = patternRows(
      {
        patterns: [
          { pattern: "99999", count: 6 },
          { pattern: "9999", count: 2 },
          { pattern: "A9", count: 1 },
        ],
        patternsOther: 1,
      },
      2,
    );
    expect(rows.map((r) => [r.label, r.count, r.share])).toEqual([
      ["99999", 6, 0.6],
      ["9999", 2, 0.2],
      ["(other)", 2, 0.2],
    ]);
  });
});

describe("trendSeries", () => {
  it("keys columns c0… (dotted names would be read as paths), newest columns first", () => {
    const t = trendSeries([
      {
        runId: "a",
        at: "2026-01-01T00:00:00Z",
        rows: 10,
        columns: { old: { nullRate: 0.5, distinct: 1, outOfRange: 0 } },
      },
      {
        runId: "b",
        at: "2026-01-02T00:00:00Z",
        rows: 12,
        columns: { "customer.email": { nullRate: 0.125, distinct: 9, outOfRange: 0 } },
      },
    ]);
    expect(t.keys).toEqual([
      { key: "c0", label: "customer.email" },
      { key: "c1", label: "old" },
    ]);
    expect(t.nullRates).toEqual([
      { at: "2026-01-01T00:00:00Z", c0: null, c1: 50 },
      { at: "2026-01-02T00:00:00Z", c0: 12.5, c1: null },
    ]);
    expect(t.volume).toEqual([
      { at: "2026-01-01T00:00:00Z", rows: 10 },
      { at: "2026-01-02T00:00:00Z", rows: 12 },
    ]);
    expect(t.hiddenColumns).toBe(0);
  });
  it("caps the charted columns and says how many are left out", () => {
    const columns = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`f${i}`, { nullRate: 0, distinct: 1, outOfRange: 0 }]),
    );
    expect(trendSeries([{ runId: "a", at: "x", rows: 1, columns }], 8).hiddenColumns).toBe(2);
  });
});
