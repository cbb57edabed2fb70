import type { ReactNode } from "react";

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
  type?: "select" | "text" | "date";
  options?: { value: string; label: string }[];
};
