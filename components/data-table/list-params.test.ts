import { describe, expect, it } from "vitest";
import { parseListQuery, type TListQuery } from "@/lib/validation/list";
import {
  applyListPatch,
  buildExportHref,
  buildListHref,
  hasActiveFilters,
  sortParamFromSorting,
  sortingFromQuery,
} from "./list-params";

const query = (search: string): TListQuery => parseListQuery(new URLSearchParams(search));

describe("applyListPatch", () => {
  it("resets the page when the search changes and keeps unrelated params", () => {
    const next = applyListPatch("page=4&pageSize=50&tab=open&sort=name&dir=desc", { q: "acme" });
    expect(Object.fromEntries(next)).toEqual({ pageSize: "50", tab: "open", sort: "name", dir: "desc", q: "acme" });
  });

  it("resets the page when sorting or a filter changes", () => {
    expect(applyListPatch("page=3", { sort: { id: "name", dir: "asc" } }).get("page")).toBeNull();
    expect(applyListPatch("page=3", { filters: { status: "active" } }).toString()).toBe("f.status=active");
  });

  it("keeps the page on pure paging and drops page=1 as the default", () => {
    expect(applyListPatch("q=x&page=2", { page: 3 }).toString()).toBe("q=x&page=3");
    expect(applyListPatch("q=x&page=2", { page: 1 }).toString()).toBe("q=x");
  });

  it("an explicit page wins over the reset", () => {
    expect(Object.fromEntries(applyListPatch("page=9", { pageSize: 100, page: 2 }))).toEqual({
      page: "2",
      pageSize: "100",
    });
  });

  it("removes empty values instead of writing empty params", () => {
    const next = applyListPatch("q=old&f.status=active&f.owner=me&sort=name&dir=asc", {
      q: "  ",
      filters: { status: null, owner: "" },
      sort: null,
    });
    expect(next.toString()).toBe("");
  });

  it("clearFilters drops every f.* param, including ones without a control", () => {
    const next = applyListPatch("f.a=1&f.b=2&q=x&sort=name&dir=desc&page=5", { q: "", clearFilters: true });
    expect(next.toString()).toBe("sort=name&dir=desc");
  });

  it("round-trips through parseListQuery", () => {
    const next = applyListPatch("", {
      q: "a&b=c",
      filters: { "kind.x": "ERP & CRM" },
      sort: { id: "createdAt", dir: "desc" },
      pageSize: 10,
    });
    const parsed = parseListQuery(next);
    expect(parsed).toMatchObject({
      q: "a&b=c",
      sort: "createdAt",
      dir: "desc",
      pageSize: 10,
      page: 1,
      filters: { "kind.x": "ERP & CRM" },
    });
  });
});

describe("buildListHref", () => {
  it("omits the question mark when there are no params", () => {
    expect(buildListHref("/users", new URLSearchParams())).toBe("/users");
    expect(buildListHref("/users", new URLSearchParams("q=a b"))).toBe("/users?q=a+b");
  });
});

describe("buildExportHref", () => {
  it("appends search, sort and filters but not paging", () => {
    const href = buildExportHref(
      "/api/users/export",
      query("page=3&pageSize=50&q=ann&sort=email&dir=desc&f.role=admin"),
    );
    expect(href).toBe("/api/users/export?q=ann&sort=email&dir=desc&f.role=admin");
  });

  it("keeps params already on the base URL", () => {
    expect(buildExportHref("/api/export?entity=users", query("q=x"))).toBe("/api/export?entity=users&q=x");
    expect(buildExportHref("/api/export", query(""))).toBe("/api/export");
  });
});

describe("hasActiveFilters", () => {
  it("is true for a search or any filter, false for sort and paging alone", () => {
    expect(hasActiveFilters(query("sort=name&page=2"))).toBe(false);
    expect(hasActiveFilters(query("q=x"))).toBe(true);
    expect(hasActiveFilters(query("f.status=open"))).toBe(true);
  });
});

describe("sorting conversion", () => {
  it("ignores a sort param that is not a sortable column", () => {
    expect(sortingFromQuery(query("sort=passwordHash"), ["name"])).toEqual([]);
    expect(sortingFromQuery(query("sort=name&dir=desc"), ["name"])).toEqual([{ id: "name", desc: true }]);
  });

  it("maps TanStack sorting state to URL params", () => {
    expect(sortParamFromSorting([{ id: "name", desc: false }])).toEqual({ id: "name", dir: "asc" });
    expect(sortParamFromSorting([])).toBeNull();
  });
});
