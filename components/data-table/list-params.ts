import type { TListQuery } from "@/lib/validation/list";

export const FILTER_PARAM_PREFIX = "f.";

export type SortParam = { id: string; dir: "asc" | "desc" };

/** A change to the list state in the URL. Absent keys stay as they are; `null`/"" removes a value. */
export type ListParamPatch = {
  page?: number;
  pageSize?: number;
  q?: string;
  sort?: SortParam | null;
  filters?: Record<string, string | null>;
  /** Drops every `f.<id>` param, including ones the page does not offer as a control. */
  clearFilters?: boolean;
};

/**
 * Applies a patch to the current search params. Changing search, sort or filters goes back to
 * page 1, because the old page number points into a different result set.
 */
export function applyListPatch(current: URLSearchParams | string, patch: ListParamPatch): URLSearchParams {
  const next = new URLSearchParams(current);
  const changesResultSet =
    patch.q !== undefined || patch.sort !== undefined || patch.filters !== undefined || patch.clearFilters;

  if (patch.q !== undefined) setOrDelete(next, "q", patch.q.trim());
  if (patch.sort !== undefined) {
    if (patch.sort) {
      next.set("sort", patch.sort.id);
      next.set("dir", patch.sort.dir);
    } else {
      next.delete("sort");
      next.delete("dir");
    }
  }
  if (patch.clearFilters) {
    for (const key of [...next.keys()]) if (key.startsWith(FILTER_PARAM_PREFIX)) next.delete(key);
  }
  for (const [id, value] of Object.entries(patch.filters ?? {}))
    setOrDelete(next, FILTER_PARAM_PREFIX + id, value ?? "");
  if (patch.pageSize !== undefined) next.set("pageSize", String(patch.pageSize));

  if (patch.page !== undefined) setOrDelete(next, "page", patch.page > 1 ? String(patch.page) : "");
  else if (changesResultSet) next.delete("page");
  return next;
}

/** `pathname` plus the params, without a dangling "?" when there are none. */
export function buildListHref(pathname: string, params: URLSearchParams): string {
  const search = params.toString();
  return search ? `${pathname}?${search}` : pathname;
}

/**
 * The CSV export reuses the list's search, sort and filters, but not its page: an export holds every
 * matching row. Params already on `base` are kept unless the current query overrides them.
 */
export function buildExportHref(base: string, query: TListQuery): string {
  const [path, existing = ""] = splitOnce(base, "?");
  const params = new URLSearchParams(existing);
  if (query.q) params.set("q", query.q);
  if (query.sort) {
    params.set("sort", query.sort);
    params.set("dir", query.dir);
  }
  for (const [id, value] of Object.entries(query.filters)) if (value) params.set(FILTER_PARAM_PREFIX + id, value);
  return buildListHref(path, params);
}

export function hasActiveFilters(query: TListQuery): boolean {
  return query.q.trim() !== "" || Object.values(query.filters).some((value) => value !== "");
}

/** The single-column sort TanStack Table works with, derived from the URL. */
export function sortingFromQuery(query: TListQuery, sortableIds: readonly string[]): { id: string; desc: boolean }[] {
  if (!query.sort || !sortableIds.includes(query.sort)) return [];
  return [{ id: query.sort, desc: query.dir === "desc" }];
}

export function sortParamFromSorting(sorting: readonly { id: string; desc: boolean }[]): SortParam | null {
  const first = sorting[0];
  return first ? { id: first.id, dir: first.desc ? "desc" : "asc" } : null;
}

function setOrDelete(params: URLSearchParams, key: string, value: string) {
  if (value) params.set(key, value);
  else params.delete(key);
}

function splitOnce(value: string, separator: string): [string, string?] {
  const index = value.indexOf(separator);
  return index === -1 ? [value] : [value.slice(0, index), value.slice(index + 1)];
}
