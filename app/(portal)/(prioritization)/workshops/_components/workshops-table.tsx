"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { Badge } from "@/components/ui";
import type { WorkshopRow } from "@/lib/services/prioritization/workshops";
import type { ListResult, TListQuery } from "@/lib/validation/list";

const columns: DataTableColumn<WorkshopRow>[] = [
  {
    id: "title",
    header: "Session",
    sortable: true,
    cell: (w) => (
      <Link
        href={w.isFacilitator && !w.isParticipant ? `/workshops/${w.id}/live` : `/workshops/${w.id}`}
        className="font-medium text-indigo-700 hover:underline"
      >
        {w.title}
      </Link>
    ),
  },
  {
    id: "status",
    header: "Status",
    sortable: true,
    cell: (w) => <Badge tone={w.status === "open" ? "info" : "neutral"}>{w.status}</Badge>,
  },
  { id: "facilitator", header: "Facilitator" },
  { id: "candidateCount", header: "Candidates" },
  { id: "participantCount", header: "Participants" },
  { id: "createdAt", header: "Opened", sortable: true, cell: (w) => new Date(w.createdAt).toLocaleString() },
  {
    id: "lockedAt",
    header: "Locked",
    sortable: true,
    cell: (w) => (w.lockedAt ? new Date(w.lockedAt).toLocaleString() : "—"),
  },
  {
    id: "live",
    header: "",
    cell: (w) =>
      w.isFacilitator ? (
        <Link href={`/workshops/${w.id}/live`} className="text-sm text-indigo-700 hover:underline">
          Live results
        </Link>
      ) : null,
  },
];

export function WorkshopsTable({
  result,
  query,
  toolbar,
}: {
  result: ListResult<WorkshopRow>;
  query: TListQuery;
  toolbar?: React.ReactNode;
}) {
  return (
    <DataTable
      caption="Scoring workshops"
      columns={columns}
      result={result}
      query={query}
      getRowId={(w) => w.id}
      searchPlaceholder="Search sessions"
      filters={[
        {
          id: "status",
          label: "Status",
          type: "select",
          options: [
            { value: "open", label: "Open" },
            { value: "locked", label: "Locked" },
          ],
        },
      ]}
      emptyMessage="No sessions yet."
      toolbar={toolbar}
    />
  );
}
