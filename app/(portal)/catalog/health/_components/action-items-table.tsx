"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { Badge } from "@/components/ui";
import type { TActionItemRow } from "@/lib/services/health/list-action-items";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import { formatDay } from "../_lib/format";
import { ActionItemToggle } from "./action-item-toggle";

export function ActionItemsTable({
  result,
  query,
  people,
}: {
  result: ListResult<TActionItemRow>;
  query: TListQuery;
  people: { value: string; label: string }[];
}) {
  const columns: DataTableColumn<TActionItemRow>[] = [
    { id: "title", header: "Action item", cell: (r) => <span className="font-medium text-slate-900">{r.title}</span> },
    {
      id: "flow",
      header: "Flow",
      cell: (r) => (
        <Link href={`/catalog/health/${r.assessmentId}`} className="text-indigo-700 hover:underline">
          {r.flowName}
        </Link>
      ),
    },
    { id: "owner", header: "Owner", cell: (r) => r.ownerName ?? <span className="text-slate-400">nobody</span> },
    {
      id: "due",
      header: "Due",
      className: "whitespace-nowrap",
      cell: (r) => (
        <span className="inline-flex items-center gap-1.5">
          {formatDay(r.dueAt)}
          {r.isOverdue && <Badge tone="danger">overdue</Badge>}
          {r.status === "done" && <Badge tone="success">done {formatDay(r.doneAt)}</Badge>}
        </span>
      ),
    },
    {
      id: "change",
      header: "",
      cell: (r) => (r.canChange ? <ActionItemToggle id={r.id} title={r.title} status={r.status} /> : null),
    },
  ];
  return (
    <DataTable
      caption="Action items"
      columns={columns}
      result={result}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Search title or flow"
      filters={[
        { id: "mine", label: "Owner", type: "select", options: [{ value: "1", label: "Me" }] },
        { id: "owner", label: "Owned by", type: "select", options: people },
        { id: "overdue", label: "Due", type: "select", options: [{ value: "1", label: "Overdue only" }] },
        {
          id: "status",
          label: "Status",
          type: "select",
          options: [
            { value: "open", label: "Open" },
            { value: "done", label: "Done" },
          ],
        },
      ]}
      emptyMessage="No action items match."
    />
  );
}
