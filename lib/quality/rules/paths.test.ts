import { describe, expect, it } from "vitest";
import { parseFieldPath, resolvePath } from "./paths";

describe("field paths", () => {
  it("parses dotted paths with [] for arrays", () => {
    expect(parseFieldPath("lines[].sku")).toEqual([
      { name: "lines", each: true },
      { name: "sku", each: false },
    ]);
  });

  it.each(["", "a..b", "lines[0].sku", "a[]b", ".a"])("rejects %j", (p) => {
    expect(() => parseFieldPath(p)).toThrow("not a field path");
  });

  it("resolves every element with its concrete path", () => {
    const record = { lines: [{ sku: "A" }, {}, { sku: "C" }] };
    expect(resolvePath(record, parseFieldPath("lines[].sku"))).toEqual([
      { path: "lines[0].sku", indices: [0], value: "A" },
      { path: "lines[1].sku", indices: [1], value: undefined },
      { path: "lines[2].sku", indices: [2], value: "C" },
    ]);
  });

  it("yields an absent value for a missing field, nothing for a missing or non-array array", () => {
    expect(resolvePath({}, parseFieldPath("customer.email"))).toEqual([
      { path: "customer.email", indices: [], value: undefined },
    ]);
    expect(resolvePath({}, parseFieldPath("lines[].sku"))).toEqual([]);
    expect(resolvePath({ lines: "x" }, parseFieldPath("lines[].sku"))).toEqual([]);
  });

  it("takes fixed indices for a condition on the same element", () => {
    const record = { lines: [{ t: "a" }, { t: "b" }] };
    expect(resolvePath(record, parseFieldPath("lines[].t"), [1])).toEqual([
      { path: "lines[1].t", indices: [1], value: "b" },
    ]);
  });
});
