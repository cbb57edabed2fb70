"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { SystemRow } from "@/lib/services/inventory";
import { CRITICALITIES, HOSTINGS, label, LIFECYCLES, options, SYSTEM_TYPES } from "@/lib/validation/inventory";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import { CriticalityBadge, LifecycleBadge } from "../../_components/badges";

const columns: DataTableColumn<SystemRow>[] = [
  {
    id: "name",
    header: "System",
    sortable: true,
    cell: (s) => (
      <Link href={`/inventory/systems/${s.id}`} className="font-medium text-indigo-700 hover:underline">
        {s.name}
      </Link>
    ),
  },
  { id: "type", header: "Type", sortable: true, cell: (s) => label(s.type) },
  { id: "vendor", header: "Vendor", sortable: true },
  { id: "hosting", header: "Hosting", sortable: true, cell: (s) => label(s.hosting) },
  { id: "region", header: "Region", sortable: true },
  {
    id: "criticality",
    header: "Criticality",
    sortable: true,
    cell: (s) => <CriticalityBadge criticality={s.criticality} />,
  },
  { id: "lifecycle", header: "Lifecycle", sortable: true, cell: (s) => <LifecycleBadge lifecycle={s.lifecycle} /> },
  { id: "processCount", header: "Processes", className: "text-right" },
  { id: "interfaceCount", header: "Interfaces", className: "text-right" },
];

export function SystemsTable({
  result,
  query,
  toolbar,
}: {
  result: ListResult<SystemRow>;
  query: TListQuery;
  toolbar?: ReactNode;
}) {
  return (
    <DataTable
      caption="Systems"
      columns={columns}
      result={result}
      query={query}
      getRowId={(s) => s.id}
      searchPlaceholder="Search name, vendor or region"
      filters={[
        { id: "type", label: "Type", type: "select", options: options(SYSTEM_TYPES) },
        { id: "hosting", label: "Hosting", type: "select", options: options(HOSTINGS) },
        { id: "criticality", label: "Criticality", type: "select", options: options(CRITICALITIES) },
        { id: "lifecycle", label: "Lifecycle", type: "select", options: options(LIFECYCLES) },
      ]}
      exportHref="/api/export/inventory/systems?format=csv"
      emptyMessage="No systems match. Clear the filters or add a system."
      toolbar={toolbar}
    />
  );
}
