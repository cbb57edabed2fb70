import type { TListQuery } from "@/lib/validation/list";

/** The DataTable's URL query (q, page, f.status, f.type, f.risk, f.environment) as listChanges reads it. */
export function toChangeListInput(query: TListQuery) {
  return {
    page: query.page,
    pageSize: query.pageSize,
    q: query.q,
    status: query.filters.status ?? "",
    type: query.filters.type ?? "",
    riskLevel: query.filters.risk ?? "",
    environmentKey: query.filters.environment ?? "",
  };
}
