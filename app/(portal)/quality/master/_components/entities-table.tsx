"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { TMasterEntityRow } from "@/lib/services/quality/master";
import type { ListResult, TListQuery } from "@/lib/validation/list";

const columns: DataTableColumn<TMasterEntityRow>[] = [
  {
    id: "name",
    header: "Entity",
    sortable: true,
    cell: (r) => (
      <div>
        <Link href={`/quality/master/${r.key}`} className="font-medium text-indigo-700 hover:underline">
          {r.name}
        </Link>
        <p className="font-mono text-xs text-slate-500">{r.key}</p>
      </div>
    ),
  },
  {
    id: "version",
    header: "Config",
    cell: (r) => (
      <span className="font-mono text-xs">
        v{r.version} · {r.contentHash.slice(0, 10)}
      </span>
    ),
  },
  { id: "goldenCount", header: "Golden records" },
  {
    id: "openReviews",
    header: "Open reviews",
    cell: (r) =>
      r.openReviews ? (
        <Link href={`/quality/master/queue?f.entity=${r.key}`} className="text-indigo-700 hover:underline">
          {r.openReviews}
        </Link>
      ) : (
        "0"
      ),
  },
  { id: "updatedAt", header: "Updated", cell: (r) => r.updatedAt.slice(0, 10) },
];

export function EntitiesTable({ result, query }: { result: ListResult<TMasterEntityRow>; query: TListQuery }) {
  return (
    <DataTable
      caption="Master entities"
      columns={columns}
      result={result}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Search key or name"
      emptyMessage="No entities match. Clear the search."
    />
  );
}
