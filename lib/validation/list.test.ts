import { describe, expect, it } from "vitest";
import { parseListQuery, pickSort } from "./list";

describe("parseListQuery", () => {
  it("reads paging, search, sort and f.* filters", () => {
    const q = parseListQuery({
      page: "3",
      pageSize: "50",
      q: " ada ",
      sort: "email",
      dir: "desc",
      "f.role": "admin",
      other: "x",
    });
    expect(q).toEqual({ page: 3, pageSize: 50, q: "ada", sort: "email", dir: "desc", filters: { role: "admin" } });
  });

  it("falls back to defaults for a hand-edited URL", () => {
    expect(parseListQuery(new URLSearchParams("page=-1&pageSize=100000"))).toMatchObject({ page: 1, pageSize: 25 });
  });
});

describe("pickSort", () => {
  it("only sorts by allowed columns", () => {
    const q = parseListQuery({ sort: "passwordHash", dir: "desc" });
    expect(pickSort(q, ["email", "name"] as const, "email")).toEqual({ field: "email", dir: "desc" });
  });
});
