"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { TApiProductRow, TPersonOption } from "@/lib/services/apis";
import { API_LIFECYCLES } from "@/lib/validation/apis";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import { ApiLifecycleBadge } from "./lifecycle-badge";

const columns: DataTableColumn<TApiProductRow>[] = [
  {
    id: "name",
    header: "API",
    sortable: true,
    cell: (r) => (
      <div>
        <Link href={`/apis/${r.key}`} className="font-medium text-indigo-700 hover:underline">
          {r.name}
        </Link>
        <p className="font-mono text-xs text-slate-500">/{r.key}</p>
      </div>
    ),
  },
  { id: "lifecycle", header: "Lifecycle", cell: (r) => <ApiLifecycleBadge lifecycle={r.lifecycle} /> },
  {
    id: "versions",
    header: "Versions",
    cell: (r) =>
      r.versions.length ? (
        <ul className="flex flex-wrap gap-1">
          {r.versions.map((v) => (
            <li key={v.major}>
              <Link
                href={`/apis/${r.key}/v${v.major}`}
                className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700 hover:bg-slate-200"
                title={v.lifecycle}
              >
                v{v.major} · {v.lifecycle}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <span className="text-slate-400">None yet</span>
      ),
  },
  { id: "ownerName", header: "Owner", cell: (r) => r.ownerName || <span className="text-slate-400">Nobody</span> },
  { id: "systemName", header: "Provided by", cell: (r) => r.systemName ?? <span className="text-slate-400">—</span> },
  {
    id: "updatedAt",
    header: "Updated",
    sortable: true,
    cell: (r) => new Date(r.updatedAt).toISOString().slice(0, 10),
  },
];

export function ProductsTable({
  result,
  query,
  owners,
}: {
  result: ListResult<TApiProductRow>;
  query: TListQuery;
  owners: TPersonOption[];
}) {
  return (
    <DataTable
      caption="API products"
      columns={columns}
      result={result}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Search key, name or description"
      filters={[
        {
          id: "lifecycle",
          label: "Lifecycle",
          type: "select",
          options: API_LIFECYCLES.map((l) => ({ value: l, label: l[0]!.toUpperCase() + l.slice(1) })),
        },
        {
          id: "owner",
          label: "Owner",
          type: "select",
          options: [
            { value: "none", label: "Nobody" },
            ...owners.map((o) => ({ value: o.id, label: o.name || o.email })),
          ],
        },
        {
          id: "archived",
          label: "Archived",
          type: "select",
          options: [{ value: "yes", label: "Archived only" }],
        },
      ]}
      emptyMessage="No APIs match. Clear the search or the filters."
    />
  );
}
