"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { ProcessRow } from "@/lib/services/inventory";
import { options, SEVERITIES } from "@/lib/validation/inventory";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import { SeverityBadge } from "../../_components/badges";

const num = (n: number) => n.toLocaleString("en-US");

const columns: DataTableColumn<ProcessRow>[] = [
  {
    id: "name",
    header: "Process",
    sortable: true,
    cell: (p) => (
      <Link href={`/inventory/processes/${p.id}`} className="font-medium text-indigo-700 hover:underline">
        {p.name}
      </Link>
    ),
  },
  { id: "department", header: "Department", sortable: true },
  { id: "owner", header: "Owner", cell: (p) => p.owner || <span className="text-slate-400">Unassigned</span> },
  {
    id: "volumePerMonth",
    header: "Volume / month",
    sortable: true,
    className: "text-right",
    cell: (p) => num(p.volumePerMonth),
  },
  {
    id: "manualMinutesPerTxn",
    header: "Manual min / txn",
    sortable: true,
    className: "text-right",
    cell: (p) => num(p.manualMinutesPerTxn),
  },
  {
    id: "errorRatePct",
    header: "Error rate",
    sortable: true,
    className: "text-right",
    cell: (p) => `${p.errorRatePct}%`,
  },
  {
    id: "cycleTimeHours",
    header: "Cycle time (h)",
    sortable: true,
    className: "text-right",
    cell: (p) => num(p.cycleTimeHours),
  },
  { id: "worstSeverity", header: "Worst pain", cell: (p) => <SeverityBadge severity={p.worstSeverity} /> },
  {
    id: "systems",
    header: "Systems",
    cell: (p) => p.systems.map((s) => s.name).join(", ") || <span className="text-slate-400">None</span>,
  },
];

export function ProcessesTable({
  result,
  query,
  departments,
  systems,
  toolbar,
}: {
  result: ListResult<ProcessRow>;
  query: TListQuery;
  departments: { id: string; name: string }[];
  systems: { id: string; name: string }[];
  toolbar?: ReactNode;
}) {
  return (
    <DataTable
      caption="Business processes"
      columns={columns}
      result={result}
      query={query}
      getRowId={(p) => p.id}
      searchPlaceholder="Search name or description"
      filters={[
        {
          id: "department",
          label: "Department",
          type: "select",
          options: departments.map((d) => ({ value: d.id, label: d.name })),
        },
        {
          id: "system",
          label: "System",
          type: "select",
          options: systems.map((s) => ({ value: s.id, label: s.name })),
        },
        { id: "severity", label: "Pain severity", type: "select", options: options(SEVERITIES) },
      ]}
      exportHref="/api/export/inventory/processes?format=csv"
      emptyMessage="No processes match. Clear the filters or add a process."
      toolbar={toolbar}
    />
  );
}
