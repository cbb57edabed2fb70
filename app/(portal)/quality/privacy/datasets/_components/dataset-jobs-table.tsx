"use client";

import { DataTable, type DataTableColumn } from "@/components/data-table";
import { Badge, type Tone } from "@/components/ui";
import type { TMaskedDatasetRow } from "@/lib/services/quality/privacy/datasets";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import { formatTime } from "../../_components/vocabulary";

const TONES: Record<TMaskedDatasetRow["status"], Tone> = {
  queued: "info",
  running: "info",
  succeeded: "success",
  failed: "danger",
  cancelled: "neutral",
};

const count = new Intl.NumberFormat("en-US");

const columns: DataTableColumn<TMaskedDatasetRow>[] = [
  { id: "createdAt", header: "Requested", cell: (j) => `${formatTime(j.createdAt)} · ${j.requestedBy}` },
  { id: "flowName", header: "Flow", cell: (j) => <span className="font-medium">{j.flowName}</span> },
  {
    id: "target",
    header: "From → into",
    cell: (j) =>
      `prod ${j.source === "runs" ? "runs" : "dead letters"} → ${j.targetEnvironmentKey} (≤ ${count.format(j.limit)})`,
  },
  {
    id: "status",
    header: "Status",
    cell: (j) => (
      <div className="space-y-0.5">
        <Badge tone={TONES[j.status]}>{j.status}</Badge>
        {j.error && <p className="text-xs text-red-700">{j.error}</p>}
      </div>
    ),
  },
  {
    id: "progress",
    header: "Progress",
    cell: (j) => {
      const handled = j.done + j.skipped;
      return (
        <div className="min-w-40 space-y-1">
          <progress
            className="h-2 w-full"
            max={Math.max(j.total, 1)}
            value={j.total ? Math.min(handled, j.total) : j.status === "succeeded" ? 1 : 0}
            aria-label={`Progress of the ${j.flowName} job`}
          />
          <p className="text-xs text-slate-600">
            {j.status === "queued"
              ? "Waiting for the engine"
              : `${count.format(j.done)} of ${count.format(j.total)} sent${j.skipped ? `, ${count.format(j.skipped)} skipped` : ""}`}
            {j.finishedAt ? ` · finished ${formatTime(j.finishedAt)}` : ""}
          </p>
        </div>
      );
    },
  },
];

export function DatasetJobsTable({ result, query }: { result: ListResult<TMaskedDatasetRow>; query: TListQuery }) {
  return (
    <DataTable
      caption="Masked dataset jobs"
      columns={columns}
      result={result}
      query={query}
      getRowId={(j) => j.id}
      searchPlaceholder="Search flow"
      filters={[
        {
          id: "status",
          label: "Status",
          type: "select",
          options: ["queued", "running", "succeeded", "failed", "cancelled"].map((s) => ({ value: s, label: s })),
        },
      ]}
      emptyMessage="No masked dataset jobs yet. Start one above: production samples of a flow, masked, into a test environment."
    />
  );
}
