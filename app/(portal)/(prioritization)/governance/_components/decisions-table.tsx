"use client";

import { DataTable, type DataTableColumn } from "@/components/data-table";
import { Badge } from "@/components/ui";
import type { DecisionRow } from "@/lib/services/prioritization/governance-records";
import type { ListResult, TListQuery } from "@/lib/validation/list";

const columns: DataTableColumn<DecisionRow>[] = [
  {
    id: "processName",
    header: "Process",
    cell: (d) => (
      <div>
        <span className="font-medium text-slate-900">{d.processName}</span>{" "}
        <Badge tone={d.decision === "customize" ? "warning" : "success"}>{d.decision}</Badge>
        <p className="text-xs text-slate-600">{d.rationale}</p>
      </div>
    ),
  },
  { id: "customizationScore", header: "Customization", sortable: true, cell: (d) => `${d.customizationScore}/5` },
  { id: "deviationCount", header: "Deviations", sortable: true },
  {
    id: "decidedAt",
    header: "Decided",
    sortable: true,
    cell: (d) => `${new Date(d.decidedAt).toLocaleDateString()} · ${d.decidedBy}`,
  },
];

/** Every standardize/customize decision, paged and searched on the server. */
export function DecisionsTable({ result, query }: { result: ListResult<DecisionRow>; query: TListQuery }) {
  return (
    <DataTable
      caption="Process decisions"
      columns={columns}
      result={result}
      query={query}
      getRowId={(d) => d.processId}
      searchPlaceholder="Search process name"
      filters={[
        {
          id: "decision",
          label: "Decision",
          type: "select",
          options: [
            { value: "standardize", label: "Standardize" },
            { value: "customize", label: "Customize" },
          ],
        },
      ]}
      emptyMessage="No process decisions yet."
    />
  );
}
