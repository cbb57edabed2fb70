import { describe, expect, it } from "vitest";
import { extent, paddedDomain } from "./scale";

describe("paddedDomain", () => {
  it("pads the data range and includes reference values", () => {
    expect(paddedDomain([0, 10])).toEqual([-0.8, 10.8]);
    expect(paddedDomain([2, 4], [10], 0)).toEqual([2, 10]);
  });

  it("widens a flat range and survives no data", () => {
    expect(paddedDomain([5, 5], [], 0)).toEqual([2.5, 7.5]);
    expect(paddedDomain([0], [], 0)).toEqual([-1, 1]);
    expect(paddedDomain([])).toEqual([0, 1]);
    expect(paddedDomain([Number.NaN, 3], [], 0)).toEqual([1.5, 4.5]);
  });
});

describe("extent", () => {
  it("ignores nulls and non-finite values", () => {
    expect(extent([3, null, -2, undefined, Number.POSITIVE_INFINITY, 7])).toEqual({ min: -2, max: 7 });
    expect(extent([null, undefined])).toBeUndefined();
  });
});
