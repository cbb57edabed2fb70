"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { Badge } from "@/components/ui";
import { REVIEW_STATUSES } from "@/lib/quality/master/inputs";
import type { TReviewRow } from "@/lib/services/quality/master";
import type { ListResult, TListQuery } from "@/lib/validation/list";

const columns: DataTableColumn<TReviewRow>[] = [
  {
    id: "pair",
    header: "Pair",
    cell: (r) => (
      <Link href={`/quality/master/queue/${r.id}`} className="font-medium text-indigo-700 hover:underline">
        {r.sourceRecord.label} ↔ {r.candidateLabel}
      </Link>
    ),
  },
  { id: "entityName", header: "Entity" },
  {
    id: "source",
    header: "New record",
    cell: (r) => (
      <span className="font-mono text-xs">
        {r.sourceRecord.system}/{r.sourceRecord.sourceId}
      </span>
    ),
  },
  { id: "score", header: "Score", sortable: true, cell: (r) => r.score.toFixed(3) },
  {
    id: "status",
    header: "Status",
    cell: (r) => (
      <Badge tone={r.status === "open" ? "warning" : r.status === "merged" ? "success" : "neutral"}>{r.status}</Badge>
    ),
  },
  { id: "createdAt", header: "Queued", cell: (r) => r.createdAt.slice(0, 16).replace("T", " ") },
];

export function QueueTable({
  result,
  query,
  entities,
}: {
  result: ListResult<TReviewRow>;
  query: TListQuery;
  entities: { value: string; label: string }[];
}) {
  return (
    <DataTable
      caption="Review items"
      columns={columns}
      result={result}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Search the records' values or ids"
      filters={[
        { id: "entity", label: "Entity", type: "select", options: entities },
        {
          id: "status",
          label: "Status",
          type: "select",
          options: REVIEW_STATUSES.map((s) => ({ value: s, label: s })),
        },
      ]}
      emptyMessage="No review items match. Clear the search or the filters."
    />
  );
}
