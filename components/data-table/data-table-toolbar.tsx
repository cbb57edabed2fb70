"use client";

import type { ReactNode } from "react";
import { Combobox } from "@/components/ui/combobox";
import type { TListQuery } from "@/lib/validation/list";
import { DebouncedInput } from "./debounced-input";
import type { ListParamPatch } from "./list-params";
import { buttonClass, controlClass } from "./styles";
import type { DataTableFilter } from "./types";

type Props = {
  tableId: string;
  query: TListQuery;
  filters: DataTableFilter[];
  searchPlaceholder: string;
  isFiltered: boolean;
  exportHref?: string;
  toolbar?: ReactNode;
  navigate: (patch: ListParamPatch) => void;
};

export function DataTableToolbar({
  tableId,
  query,
  filters,
  searchPlaceholder,
  isFiltered,
  exportHref,
  toolbar,
  navigate,
}: Props) {
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div role="search" className="flex min-w-48 flex-1 flex-col gap-1 sm:max-w-xs">
        <label htmlFor={`${tableId}-search`} className="text-xs font-medium text-slate-600">
          Search
        </label>
        <DebouncedInput
          id={`${tableId}-search`}
          type="search"
          value={query.q}
          placeholder={searchPlaceholder}
          autoComplete="off"
          onCommit={(q) => navigate({ q })}
        />
      </div>
      {filters.map((filter) => (
        <FilterControl
          key={filter.id}
          tableId={tableId}
          filter={filter}
          value={query.filters[filter.id] ?? ""}
          navigate={navigate}
        />
      ))}
      {isFiltered ? (
        <button type="button" className={buttonClass} onClick={() => navigate({ q: "", clearFilters: true })}>
          Clear filters
        </button>
      ) : null}
      <div className="ml-auto flex flex-wrap items-end gap-2">
        {exportHref ? (
          // A plain link: the browser streams the download; no client memory is spent on large exports.
          <a href={exportHref} className={buttonClass} download>
            Export CSV
          </a>
        ) : null}
        {toolbar}
      </div>
    </div>
  );
}

function FilterControl({
  tableId,
  filter,
  value,
  navigate,
}: {
  tableId: string;
  filter: DataTableFilter;
  value: string;
  navigate: (patch: ListParamPatch) => void;
}) {
  const id = `${tableId}-filter-${filter.id}`;
  const set = (next: string) => navigate({ filters: { [filter.id]: next } });
  const type = filter.type ?? (filter.options ? "select" : "text");
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {filter.label}
      </label>
      {type === "lookup" && filter.search ? (
        <Combobox
          // Remounts when the server answers with another value, so the input shows its label.
          key={filter.selected?.id ?? ""}
          id={id}
          search={filter.search}
          defaultValue={filter.selected ?? null}
          onChange={(option) => set(option?.id ?? "")}
          noun={filter.noun ?? filter.label.toLowerCase()}
          placeholder="All"
          className="w-56"
          isCompact
        />
      ) : type === "select" ? (
        <select id={id} value={value} onChange={(event) => set(event.target.value)} className={controlClass}>
          <option value="">All</option>
          {(filter.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : type === "date" ? (
        <input
          id={id}
          type="date"
          value={value}
          onChange={(event) => set(event.target.value)}
          className={controlClass}
        />
      ) : (
        <DebouncedInput id={id} value={value} onCommit={set} autoComplete="off" className="w-40" />
      )}
    </div>
  );
}
