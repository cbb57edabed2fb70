"use client";

import { DataTable, type DataTableColumn } from "@/components/data-table";
import { Badge } from "@/components/ui";
import type { BreachRow } from "@/lib/services/quality/slas";
import type { ListResult, TListQuery } from "@/lib/validation/list";

const when = (iso: string) => iso.slice(0, 16).replace("T", " ");
const reading = (b: BreachRow, v: number) => (b.objective === "freshness" ? `${v} min` : `${v}%`);

export function BreachesTable({
  result,
  query,
  slas,
}: {
  result: ListResult<BreachRow>;
  query: TListQuery;
  slas: { value: string; label: string }[];
}) {
  const columns: DataTableColumn<BreachRow>[] = [
    { id: "slaName", header: "SLA" },
    { id: "environmentKey", header: "Env" },
    { id: "objective", header: "Objective", sortable: true },
    { id: "startedAt", header: "Started", sortable: true, cell: (b) => when(b.startedAt) },
    {
      id: "endedAt",
      header: "Ended",
      sortable: true,
      cell: (b) => (b.endedAt ? when(b.endedAt) : <Badge tone="danger">ongoing</Badge>),
    },
    { id: "target", header: "Target", cell: (b) => reading(b, b.target) },
    { id: "worstValue", header: "Worst", cell: (b) => reading(b, b.worstValue) },
    { id: "detail", header: "What happened", className: "max-w-md" },
  ];
  return (
    <DataTable
      caption="Breaches"
      columns={columns}
      result={result}
      query={query}
      getRowId={(b) => b.id}
      searchPlaceholder="Search SLA or text…"
      emptyMessage="No breaches match. Every SLA met its objectives, or none has been sampled yet."
      filters={[
        { id: "sla", label: "SLA", options: slas },
        {
          id: "objective",
          label: "Objective",
          options: [
            { value: "freshness", label: "Freshness" },
            { value: "accuracy", label: "Accuracy" },
          ],
        },
        {
          id: "status",
          label: "Status",
          options: [
            { value: "open", label: "Ongoing" },
            { value: "ended", label: "Ended" },
          ],
        },
        { id: "environment", label: "Environment", type: "text" },
      ]}
    />
  );
}
