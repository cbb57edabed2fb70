"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { Badge } from "@/components/ui";
import type { TOption, TRuleSetRow } from "@/lib/services/quality/rules";
import type { ListResult, TListQuery } from "@/lib/validation/list";

const columns: DataTableColumn<TRuleSetRow>[] = [
  {
    id: "name",
    header: "Rule set",
    sortable: true,
    cell: (r) => (
      <div>
        <Link href={`/quality/rules/${r.key}`} className="font-medium text-indigo-700 hover:underline">
          {r.name}
        </Link>
        {r.isArchived && (
          <span className="ml-2">
            <Badge>archived</Badge>
          </span>
        )}
        <p className="font-mono text-xs text-slate-500">{r.key}</p>
      </div>
    ),
  },
  { id: "ownerName", header: "Data owner", cell: (r) => r.ownerName || <span className="text-slate-400">—</span> },
  { id: "flowName", header: "Flow", cell: (r) => r.flowName ?? <span className="text-slate-400">—</span> },
  {
    id: "latestVersion",
    header: "Latest",
    cell: (r) => (r.latestVersion ? `v${r.latestVersion}` : <span className="text-slate-400">No rules yet</span>),
  },
  {
    id: "deployed",
    header: "Enforced",
    cell: (r) =>
      Object.keys(r.deployed).length ? (
        <ul className="flex flex-wrap gap-1">
          {Object.entries(r.deployed).map(([env, v]) => (
            <li key={env} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
              {env} v{v}
            </li>
          ))}
        </ul>
      ) : (
        <span className="text-slate-400">Nowhere</span>
      ),
  },
  { id: "updatedAt", header: "Updated", sortable: true, cell: (r) => r.updatedAt.slice(0, 10) },
];

export function RuleSetsTable({
  result,
  query,
  owners,
  flows,
}: {
  result: ListResult<TRuleSetRow>;
  query: TListQuery;
  owners: TOption[];
  flows: TOption[];
}) {
  return (
    <DataTable
      caption="Rule sets"
      columns={columns}
      result={result}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Search key, name or description"
      filters={[
        { id: "owner", label: "Data owner", type: "select", options: owners },
        { id: "flow", label: "Flow", type: "select", options: flows },
        {
          id: "env",
          label: "Enforced in",
          type: "select",
          options: [
            { value: "dev", label: "Development" },
            { value: "test", label: "Test" },
            { value: "prod", label: "Production" },
          ],
        },
        {
          id: "archived",
          label: "Archived",
          type: "select",
          options: [{ value: "yes", label: "Show archived rule sets" }],
        },
      ]}
      emptyMessage="No rule sets match. Clear the search or the filters."
    />
  );
}
