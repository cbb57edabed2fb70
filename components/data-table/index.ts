export { DataTable } from "./data-table";
export type { DataTableColumn, DataTableFilter } from "./types";
export { applyListPatch, buildExportHref, buildListHref, hasActiveFilters, type ListParamPatch } from "./list-params";
export { describeRange, formatCount, getPageCount } from "./page-math";
export { useListNavigation } from "./use-list-navigation";
