import { describe, expect, it } from "vitest";
import { describeRange, formatCount, getPageCount, getRowRange, isPageOutOfRange } from "./page-math";

describe("page math", () => {
  it("counts pages, with at least one", () => {
    expect(getPageCount(0, 25)).toBe(1);
    expect(getPageCount(25, 25)).toBe(1);
    expect(getPageCount(26, 25)).toBe(2);
    expect(getPageCount(10_234, 25)).toBe(410);
  });

  it("computes the 1-based row range, clipped on the last page", () => {
    expect(getRowRange(1, 25, 10_234)).toEqual({ from: 1, to: 25 });
    expect(getRowRange(410, 25, 10_234)).toEqual({ from: 10_226, to: 10_234 });
    expect(getRowRange(411, 25, 10_234)).toEqual({ from: 0, to: 0 });
    expect(getRowRange(1, 25, 0)).toEqual({ from: 0, to: 0 });
  });

  it("describes the range with grouped numbers and an en dash", () => {
    expect(describeRange(1, 25, 10_234)).toBe("Showing 1–25 of 10,234");
    expect(describeRange(410, 25, 10_234)).toBe("Showing 10,226–10,234 of 10,234");
    expect(describeRange(1, 25, 0)).toBe("No results");
    expect(describeRange(9, 25, 30)).toBe("No rows on this page of 30");
    // A count that stopped early says so rather than posing as the total.
    expect(describeRange(2, 25, 10_025, true)).toBe("Showing 26–50 of more than 10,025");
  });

  it("flags a page past the end only when there are rows", () => {
    expect(isPageOutOfRange(3, 25, 30)).toBe(true);
    expect(isPageOutOfRange(2, 25, 30)).toBe(false);
    expect(isPageOutOfRange(5, 25, 0)).toBe(false);
    expect(formatCount(1234567)).toBe("1,234,567");
  });
});
