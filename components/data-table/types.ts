import type { ReactNode } from "react";
import type { TLookupOption, TLookupResult } from "@/lib/validation/lookup";

export type DataTableColumn<T> = {
  /** Also the sort key sent to the server in `?sort=`. */
  id: string;
  header: string;
  /** Defaults to `String(row[id] ?? "")`. */
  cell?: (row: T) => ReactNode;
  sortable?: boolean;
  className?: string;
};

export type DataTableFilter = {
  /** Written to the URL as `f.<id>`. */
  id: string;
  label: string;
  /** "lookup": a server-searched combobox, for filters over a table too large for a select. */
  type?: "select" | "text" | "date" | "lookup";
  options?: { value: string; label: string }[];
  /** For "lookup": the search, the current value's label (the page resolves it) and what is picked. */
  search?: (query: string) => Promise<TLookupResult>;
  selected?: TLookupOption | null;
  noun?: string;
};
