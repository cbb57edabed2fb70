"use client";

import {
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type PaginationState,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { useId, useMemo, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { cn } from "@/lib/utils/cn";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import { DataTablePagination } from "./data-table-pagination";
import { DataTableToolbar } from "./data-table-toolbar";
import { buildExportHref, hasActiveFilters, sortingFromQuery, sortParamFromSorting } from "./list-params";
import { describeRange, getPageCount, isPageOutOfRange } from "./page-math";
import { buttonClass, focusRing } from "./styles";
import type { DataTableColumn, DataTableFilter } from "./types";
import { useListNavigation } from "./use-list-navigation";

// The server owns filtering, sorting and paging; the table only needs these two state slices.
const features = tableFeatures({ rowSortingFeature, rowPaginationFeature });

// Rows are opaque to the table: cells go through the caller's `cell` or the default accessor.
type AnyRow = Record<string, unknown>;

type DataTableProps<T> = {
  caption: string;
  columns: DataTableColumn<T>[];
  result: ListResult<T>;
  query: TListQuery;
  getRowId: (row: T) => string;
  filters?: DataTableFilter[];
  searchPlaceholder?: string;
  exportHref?: string;
  emptyMessage?: string;
  toolbar?: ReactNode;
  onRowClick?: (row: T) => void;
};

const NO_FILTERS: DataTableFilter[] = [];
const INTERACTIVE = "a,button,input,select,textarea,label,summary,[role='button'],[role='link']";

export function DataTable<T>({
  caption,
  columns,
  result,
  query,
  getRowId,
  filters = NO_FILTERS,
  searchPlaceholder = "Search…",
  exportHref,
  emptyMessage = "Nothing here yet.",
  toolbar,
  onRowClick,
}: DataTableProps<T>): React.JSX.Element {
  const tableId = useId();
  const { isPending, navigate } = useListNavigation();

  const columnDefs = useMemo<ColumnDef<typeof features, AnyRow>[]>(
    () =>
      columns.map((column) => ({
        id: column.id,
        header: column.header,
        accessorFn: (row: AnyRow) => row[column.id],
        cell: ({ row, getValue }) => (column.cell ? column.cell(row.original as T) : String(getValue() ?? "")),
        enableSorting: column.sortable === true,
      })),
    [columns],
  );
  const columnClass = useMemo(() => new Map(columns.map((column) => [column.id, column.className])), [columns]);
  const sortableIds = useMemo(() => columns.filter((column) => column.sortable).map((column) => column.id), [columns]);

  // Memoised on primitives so the controlled state keeps its identity between renders.
  const sorting = useMemo<SortingState>(() => sortingFromQuery(query, sortableIds), [query, sortableIds]);
  const pagination = useMemo<PaginationState>(
    () => ({ pageIndex: result.page - 1, pageSize: result.pageSize }),
    [result.page, result.pageSize],
  );

  const table = useTable({
    features,
    columns: columnDefs,
    data: result.rows as unknown as AnyRow[],
    getRowId: (row) => getRowId(row as T),
    rowCount: result.total,
    manualSorting: true,
    manualPagination: true,
    autoResetPageIndex: false,
    enableMultiSort: false,
    sortDescFirst: false,
    state: { sorting, pagination },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      navigate({ sort: sortParamFromSorting(next) });
    },
    onPaginationChange: (updater: Updater<PaginationState>) => {
      const next = typeof updater === "function" ? updater(pagination) : updater;
      navigate(
        next.pageSize === pagination.pageSize
          ? { page: next.pageIndex + 1 }
          : { page: next.pageIndex + 1, pageSize: next.pageSize },
      );
    },
  });

  const rows = table.getRowModel().rows;
  const isFiltered = hasActiveFilters(query);
  const summary = describeRange(result.page, result.pageSize, result.total, result.isTotalLowerBound);
  const outOfRange = isPageOutOfRange(result.page, result.pageSize, result.total);
  const columnCount = Math.max(1, columns.length);
  const captionId = `${tableId}-caption`;

  const activateRow = (row: T) => onRowClick?.(row);
  const onRowKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, row: T) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      activateRow(row);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const sibling =
        event.key === "ArrowDown" ? event.currentTarget.nextElementSibling : event.currentTarget.previousElementSibling;
      if (sibling instanceof HTMLElement) sibling.focus();
    }
  };
  const onRowMouseClick = (event: MouseEvent<HTMLTableRowElement>, row: T) => {
    // Links and buttons inside a cell keep their own behaviour.
    const target = event.target as HTMLElement;
    if (target.closest(INTERACTIVE) && target.closest(INTERACTIVE) !== event.currentTarget) return;
    activateRow(row);
  };

  return (
    <div className="flex flex-col gap-3">
      <DataTableToolbar
        tableId={tableId}
        query={query}
        filters={filters}
        searchPlaceholder={searchPlaceholder}
        isFiltered={isFiltered}
        exportHref={exportHref ? buildExportHref(exportHref, query) : undefined}
        toolbar={toolbar}
        navigate={navigate}
      />

      <div
        className="relative overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm"
        aria-busy={isPending}
      >
        {isPending ? (
          <div aria-hidden="true" className="absolute inset-x-0 top-0 z-20 h-0.5 animate-pulse bg-indigo-500" />
        ) : null}
        {/* Focusable so keyboard users can scroll a wide table sideways. */}
        <div
          role="region"
          aria-labelledby={captionId}
          tabIndex={0}
          className={cn("max-h-[70vh] overflow-auto", focusRing)}
        >
          <table
            className={cn(
              "w-full border-separate border-spacing-0 text-left text-sm text-slate-700 transition-opacity",
              isPending && "opacity-60",
            )}
          >
            <caption id={captionId} className="sr-only">
              {caption}
            </caption>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const column = header.column;
                    const canSort = column.getCanSort();
                    const sorted = column.getIsSorted();
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        aria-sort={
                          sorted === "asc"
                            ? "ascending"
                            : sorted === "desc"
                              ? "descending"
                              : canSort
                                ? "none"
                                : undefined
                        }
                        className={cn(
                          "sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-3 py-2.5 text-xs font-semibold tracking-wide text-slate-600 uppercase whitespace-nowrap",
                          columnClass.get(column.id),
                        )}
                      >
                        {header.isPlaceholder ? null : canSort ? (
                          <button
                            type="button"
                            onClick={column.getToggleSortingHandler()}
                            className={cn(
                              "-mx-1 inline-flex items-center gap-1 rounded px-1 uppercase hover:text-slate-900",
                              focusRing,
                            )}
                            title={sortHint(header.column.columnDef.header as string, sorted)}
                          >
                            <table.FlexRender header={header} />
                            <SortGlyph sorted={sorted} />
                          </button>
                        ) : (
                          <table.FlexRender header={header} />
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {result.total === 0 ? (
                <MessageRow colSpan={columnCount}>
                  {isFiltered ? (
                    <>
                      <p className="font-medium text-slate-900">No results match your search and filters.</p>
                      <button
                        type="button"
                        className={cn(buttonClass, "mt-3")}
                        onClick={() => navigate({ q: "", clearFilters: true })}
                      >
                        Clear filters
                      </button>
                    </>
                  ) : (
                    <p className="font-medium text-slate-900">{emptyMessage}</p>
                  )}
                </MessageRow>
              ) : outOfRange || rows.length === 0 ? (
                <MessageRow colSpan={columnCount}>
                  <p className="font-medium text-slate-900">This page is past the end of the list.</p>
                  <button type="button" className={cn(buttonClass, "mt-3")} onClick={() => navigate({ page: 1 })}>
                    Go to first page
                  </button>
                </MessageRow>
              ) : (
                rows.map((row) => {
                  const original = row.original as T;
                  return (
                    <tr
                      key={row.id}
                      tabIndex={onRowClick ? 0 : undefined}
                      onClick={onRowClick ? (event) => onRowMouseClick(event, original) : undefined}
                      onKeyDown={onRowClick ? (event) => onRowKeyDown(event, original) : undefined}
                      className={cn(
                        "even:bg-slate-50/70",
                        onRowClick &&
                          "cursor-pointer hover:bg-indigo-50/60 focus-visible:bg-indigo-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500",
                      )}
                    >
                      {row.getAllCells().map((cell) => (
                        <td
                          key={cell.id}
                          className={cn(
                            "border-b border-slate-100 px-3 py-2.5 align-middle",
                            columnClass.get(cell.column.id),
                          )}
                        >
                          <table.FlexRender cell={cell} />
                        </td>
                      ))}
                    </tr>
                  );
                })
              )}
            </tbody>
          </table>
        </div>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600" role="status" aria-live="polite">
          {isPending ? "Loading…" : summary}
        </p>
        <DataTablePagination
          tableId={tableId}
          page={result.page}
          pageCount={getPageCount(result.total, result.pageSize)}
          isPageCountLowerBound={result.isTotalLowerBound}
          pageSize={result.pageSize}
          canPrevious={table.getCanPreviousPage()}
          canNext={table.getCanNextPage()}
          onFirst={() => table.firstPage()}
          onPrevious={() => table.previousPage()}
          onNext={() => table.nextPage()}
          onLast={() => table.lastPage()}
          onPageSize={(size) => table.setPageSize(size)}
        />
      </div>
    </div>
  );
}

function MessageRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-3 py-12 text-center text-sm text-slate-600">
        <div className="flex flex-col items-center">{children}</div>
      </td>
    </tr>
  );
}

function SortGlyph({ sorted }: { sorted: false | "asc" | "desc" }) {
  return (
    <span
      aria-hidden="true"
      className={cn("text-[0.7rem] leading-none", sorted ? "text-indigo-600" : "text-slate-400")}
    >
      {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
    </span>
  );
}

function sortHint(header: string, sorted: false | "asc" | "desc"): string {
  if (sorted === "asc") return `Sorted by ${header} ascending; activate to sort descending`;
  if (sorted === "desc") return `Sorted by ${header} descending; activate to remove sorting`;
  return `Sort by ${header}`;
}
