"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { InterfaceRow } from "@/lib/services/inventory";
import { FREQUENCIES, label, MECHANISMS, options, PAYLOAD_FORMATS } from "@/lib/validation/inventory";
import type { ListResult, TListQuery } from "@/lib/validation/list";

const columns: DataTableColumn<InterfaceRow>[] = [
  {
    id: "name",
    header: "Interface",
    sortable: true,
    cell: (i) => (
      <Link href={`/inventory/interfaces/${i.id}`} className="font-medium text-indigo-700 hover:underline">
        {i.name}
      </Link>
    ),
  },
  { id: "source", header: "Source", sortable: true },
  {
    id: "direction",
    header: "",
    cell: (i) => <span aria-label={label(i.direction)}>{i.direction === "two_way" ? "⇄" : "→"}</span>,
  },
  { id: "target", header: "Target", sortable: true },
  { id: "mechanism", header: "Mechanism", sortable: true, cell: (i) => label(i.mechanism) },
  { id: "payloadFormat", header: "Format", sortable: true, cell: (i) => label(i.payloadFormat) },
  { id: "frequency", header: "Frequency", sortable: true, cell: (i) => label(i.frequency) },
  {
    id: "volumePerMonth",
    header: "Volume / month",
    sortable: true,
    className: "text-right",
    cell: (i) => i.volumePerMonth.toLocaleString("en-US"),
  },
];

export function InterfacesTable({
  result,
  query,
  systems,
  toolbar,
}: {
  result: ListResult<InterfaceRow>;
  query: TListQuery;
  systems: { id: string; name: string }[];
  toolbar?: ReactNode;
}) {
  return (
    <DataTable
      caption="Interfaces"
      columns={columns}
      result={result}
      query={query}
      getRowId={(i) => i.id}
      searchPlaceholder="Search interface or system name"
      filters={[
        {
          id: "system",
          label: "System",
          type: "select",
          options: systems.map((s) => ({ value: s.id, label: s.name })),
        },
        { id: "mechanism", label: "Mechanism", type: "select", options: options(MECHANISMS) },
        { id: "payloadFormat", label: "Format", type: "select", options: options(PAYLOAD_FORMATS) },
        { id: "frequency", label: "Frequency", type: "select", options: options(FREQUENCIES) },
      ]}
      exportHref="/api/export/inventory/interfaces?format=csv"
      emptyMessage="No interfaces match. Clear the filters or add an interface."
      toolbar={toolbar}
    />
  );
}
