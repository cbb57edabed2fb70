import { z } from "zod";

// One query shape for every server-paginated list: the DataTable writes it to the URL,
// pages parse it, services take it, CSV export reuses it.
export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const MAX_PAGE_SIZE = 100;

export const ZListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
  q: z.string().trim().max(200).default(""),
  sort: z.string().max(64).optional(),
  dir: z.enum(["asc", "desc"]).default("asc"),
  filters: z.record(z.string(), z.string().max(200)).default({}),
});
export type TListQuery = z.infer<typeof ZListQuery>;

export type ListResult<T> = {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
  /** The count stopped at `total` (counting every row of a huge table is slow): there are more. */
  isTotalLowerBound?: boolean;
};

type SearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

/** Reads `page, pageSize, q, sort, dir` and every `f.<column>` filter from URL search params. */
export function parseListQuery(params: SearchParams): TListQuery {
  const get = (k: string) => {
    const v = params instanceof URLSearchParams ? params.get(k) : params[k];
    return Array.isArray(v) ? v[0] : (v ?? undefined);
  };
  const keys = params instanceof URLSearchParams ? [...params.keys()] : Object.keys(params);
  const filters: Record<string, string> = {};
  for (const key of keys) {
    const value = get(key);
    if (key.startsWith("f.") && value) filters[key.slice(2)] = value;
  }
  const parsed = ZListQuery.safeParse({
    page: get("page"),
    pageSize: get("pageSize"),
    q: get("q") ?? "",
    sort: get("sort") || undefined,
    dir: get("dir"),
    filters,
  });
  // A hand-edited URL falls back to defaults instead of an error page.
  return parsed.success ? parsed.data : ZListQuery.parse({});
}

/** Restricts sort to known columns, so a URL cannot order by an arbitrary field. */
export function pickSort<T extends string>(
  query: TListQuery,
  allowed: readonly T[],
  fallback: T,
): { field: T; dir: "asc" | "desc" } {
  const field = (allowed as readonly string[]).includes(query.sort ?? "") ? (query.sort as T) : fallback;
  return { field, dir: query.dir };
}
