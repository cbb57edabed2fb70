"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { TPolicyRow } from "@/lib/services/quality/privacy/policies";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import { formatTime } from "../../_components/vocabulary";

const columns: DataTableColumn<TPolicyRow>[] = [
  {
    id: "key",
    header: "Policy",
    cell: (p) => (
      <div>
        <Link
          href={`/quality/privacy/policies/${p.key}`}
          className="font-mono font-medium text-indigo-700 hover:underline"
        >
          {p.key}
        </Link>
        {p.description && <p className="text-xs text-slate-500">{p.description}</p>}
      </div>
    ),
  },
  {
    id: "latest",
    header: "Latest",
    cell: (p) =>
      p.latest ? (
        <span>
          v{p.latest.number}{" "}
          <span className="font-mono text-xs text-slate-500">{p.latest.contentHash.slice(0, 12)}</span>
          <span className="block text-xs text-slate-500">
            {formatTime(p.latest.createdAt)} · {p.latest.createdBy}
          </span>
        </span>
      ) : (
        <span className="text-slate-400">No version</span>
      ),
  },
  {
    id: "deployments",
    header: "Applied in",
    cell: (p) =>
      p.deployments.length ? (
        <ul className="flex flex-wrap gap-1">
          {p.deployments.map((d) => (
            <li key={d.environmentId} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
              {d.environmentKey} v{d.version}
            </li>
          ))}
        </ul>
      ) : (
        <span className="text-slate-400">Nowhere</span>
      ),
  },
];

export function PoliciesTable({
  result,
  query,
  environments,
}: {
  result: ListResult<TPolicyRow>;
  query: TListQuery;
  environments: string[];
}) {
  return (
    <DataTable
      caption="Masking policies"
      columns={columns}
      result={result}
      query={query}
      getRowId={(p) => p.id}
      searchPlaceholder="Search key or description"
      filters={[
        {
          id: "env",
          label: "Applied in",
          type: "select",
          options: [...environments.map((e) => ({ value: e, label: e })), { value: "none", label: "Nowhere" }],
        },
      ]}
      emptyMessage="No masking policies match. Clear the search or the filter."
    />
  );
}
