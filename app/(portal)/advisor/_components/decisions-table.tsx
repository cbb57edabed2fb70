"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { Badge } from "@/components/ui";
import { label } from "@/lib/validation/advisor";
import type { DecisionRow } from "@/lib/services/advisor";
import type { ListResult, TListQuery } from "@/lib/validation/list";

const columns: DataTableColumn<DecisionRow>[] = [
  { id: "number", header: "ADR", sortable: true, cell: (d) => `ADR-${d.number}` },
  {
    id: "title",
    header: "Decision",
    sortable: true,
    cell: (d) => (
      <div>
        <Link href={`/advisor/${d.id}`} className="font-medium text-indigo-700 hover:underline">
          {d.title}
        </Link>
        <p className="text-xs text-slate-500">{d.interfaceName}</p>
      </div>
    ),
  },
  { id: "architecture", header: "Architecture", cell: (d) => label(d.architecture) },
  { id: "pattern", header: "Pattern", cell: (d) => label(d.pattern) },
  { id: "deploymentModel", header: "Deployment", cell: (d) => label(d.deploymentModel) },
  { id: "payloadFormat", header: "Format", cell: (d) => label(d.payloadFormat) },
  {
    id: "flags",
    header: "Flags",
    cell: (d) => (
      <div className="flex flex-wrap gap-1">
        {d.status === "superseded" && <Badge>superseded</Badge>}
        {d.residencyFlagged && <Badge tone="danger">residency</Badge>}
        {d.isOverride && <Badge tone="warning">override</Badge>}
      </div>
    ),
  },
  {
    id: "createdAt",
    header: "Decided",
    sortable: true,
    cell: (d) => `${new Date(d.createdAt).toLocaleDateString()} · ${d.decidedByEmail}`,
  },
];

export function DecisionsTable({ result, query }: { result: ListResult<DecisionRow>; query: TListQuery }) {
  return (
    <DataTable
      caption="Architecture decision records"
      columns={columns}
      result={result}
      query={query}
      getRowId={(d) => d.id}
      searchPlaceholder="Search title or interface"
      filters={[
        {
          id: "status",
          label: "Status",
          type: "select",
          options: [
            { value: "accepted", label: "Accepted" },
            { value: "superseded", label: "Superseded" },
          ],
        },
        { id: "residency", label: "Residency", type: "select", options: [{ value: "flagged", label: "Flagged only" }] },
      ]}
      emptyMessage="No architecture decisions yet. Advise an interface to record the first."
    />
  );
}
