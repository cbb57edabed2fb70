"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { TAssessmentRow } from "@/lib/services/health/list-assessments";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import type { TLookupOption } from "@/lib/validation/lookup";
import { searchFlows } from "../../../_lookups/search";
import { formatDay } from "../_lib/format";
import { AssessmentStatusBadge, ScoreBadge, ScoreDelta } from "./badges";

export function AssessmentsTable({
  result,
  query,
  people,
  flow,
  emptyMessage,
}: {
  result: ListResult<TAssessmentRow>;
  query: TListQuery;
  people: { value: string; label: string }[];
  /** The flow filter's current value, resolved by the page. */
  flow: TLookupOption | null;
  emptyMessage: string;
}) {
  const router = useRouter();
  const columns: DataTableColumn<TAssessmentRow>[] = [
    {
      id: "flow",
      header: "Flow",
      cell: (r) => (
        <Link href={`/catalog/health/${r.id}`} className="font-medium text-indigo-700 hover:underline">
          {r.flowName}
        </Link>
      ),
    },
    {
      id: "status",
      header: "Status",
      cell: (r) => <AssessmentStatusBadge status={r.status} isOverdue={r.isOverdue} />,
    },
    {
      id: "assignee",
      header: "Assignee",
      cell: (r) => r.assigneeName ?? <span className="text-slate-400">nobody</span>,
    },
    {
      id: "date",
      header: "Due / completed",
      className: "whitespace-nowrap",
      cell: (r) => (r.completedAt ? formatDay(r.completedAt) : formatDay(r.dueAt)),
    },
    {
      id: "score",
      header: "Score",
      cell: (r) => (
        <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
          <ScoreBadge score={r.score} />
          <ScoreDelta score={r.score} previous={r.previousScore} />
        </span>
      ),
    },
    { id: "actions", header: "Open action items", cell: (r) => (r.openActionItems ? r.openActionItems : "—") },
  ];
  return (
    <DataTable
      caption="Health assessments"
      columns={columns}
      result={result}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Search by flow name"
      onRowClick={(r) => router.push(`/catalog/health/${r.id}`)}
      filters={[
        { id: "mine", label: "Assigned", type: "select", options: [{ value: "1", label: "To me" }] },
        { id: "assignee", label: "Assignee", type: "select", options: people },
        { id: "flow", label: "Flow", type: "lookup", search: searchFlows, selected: flow, noun: "flow" },
      ]}
      emptyMessage={emptyMessage}
    />
  );
}
