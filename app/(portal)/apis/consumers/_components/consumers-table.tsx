"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { Badge } from "@/components/ui";
import type { ApiConsumerRow } from "@/lib/services/apis/consumers";
import type { ListResult, TListQuery } from "@/lib/validation/list";

const columns: DataTableColumn<ApiConsumerRow>[] = [
  {
    id: "name",
    header: "Consumer",
    sortable: true,
    cell: (c) => (
      <div>
        <Link href={`/apis/consumers/${c.id}`} className="font-medium text-indigo-700 hover:underline">
          {c.name}
        </Link>
        <div className="font-mono text-xs text-slate-500">{c.key}</div>
      </div>
    ),
  },
  { id: "system", header: "System", cell: (c) => c.system?.name ?? "—" },
  { id: "plan", header: "Plan", cell: (c) => c.plan.name },
  { id: "contactEmail", header: "Contact", cell: (c) => c.contactEmail || "—" },
  { id: "activeKeyCount", header: "Active keys", className: "text-right" },
  {
    id: "status",
    header: "Status",
    cell: (c) => (c.isDisabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Enabled</Badge>),
  },
];

export function ConsumersTable({
  result,
  query,
  plans,
  systems,
  toolbar,
}: {
  result: ListResult<ApiConsumerRow>;
  query: TListQuery;
  plans: { id: string; name: string }[];
  systems: { id: string; name: string }[];
  toolbar?: ReactNode;
}) {
  return (
    <DataTable
      caption="API consumers"
      columns={columns}
      result={result}
      query={query}
      getRowId={(c) => c.id}
      searchPlaceholder="Search name, key, contact or system"
      filters={[
        { id: "plan", label: "Plan", type: "select", options: plans.map((p) => ({ value: p.id, label: p.name })) },
        {
          id: "system",
          label: "System",
          type: "select",
          options: systems.map((s) => ({ value: s.id, label: s.name })),
        },
        {
          id: "status",
          label: "Status",
          type: "select",
          options: [
            { value: "enabled", label: "Enabled" },
            { value: "disabled", label: "Disabled" },
          ],
        },
      ]}
      emptyMessage="No consumers match. Clear the filters or add a consumer."
      toolbar={toolbar}
    />
  );
}
