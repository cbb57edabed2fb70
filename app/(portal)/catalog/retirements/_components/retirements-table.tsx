"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { TRetirementRow } from "@/lib/services/retirements";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import { RETIREMENT_STATUSES, RETIREMENT_SUBJECT_KINDS } from "@/lib/validation/retirements";
import { formatDay, RetirementStatusBadge } from "./status-badge";

const opts = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

export function RetirementsTable({ result, query }: { result: ListResult<TRetirementRow>; query: TListQuery }) {
  const router = useRouter();
  const columns: DataTableColumn<TRetirementRow>[] = [
    {
      id: "subject",
      header: "Subject",
      cell: (r) => (
        <Link href={`/catalog/retirements/${r.id}`} className="font-medium text-indigo-700 hover:underline">
          {r.subjectName}
        </Link>
      ),
    },
    { id: "kind", header: "Kind", cell: (r) => r.subjectKind },
    { id: "status", header: "Status", cell: (r) => <RetirementStatusBadge status={r.status} /> },
    { id: "reason", header: "Reason", cell: (r) => <span className="line-clamp-1 text-slate-700">{r.reason}</span> },
    { id: "deprecated", header: "Deprecated", className: "whitespace-nowrap", cell: (r) => formatDay(r.deprecatedAt) },
    {
      id: "next",
      header: "Next brownout",
      className: "whitespace-nowrap",
      cell: (r) => (r.nextBrownoutAt ? formatDay(r.nextBrownoutAt) : "—"),
    },
    {
      id: "sunset",
      header: "Sunset",
      className: "whitespace-nowrap",
      cell: (r) => (r.retiredAt ? `retired ${formatDay(r.retiredAt)}` : formatDay(r.sunsetAt)),
    },
    { id: "consumers", header: "Consumers", cell: (r) => r.consumerCount },
    { id: "quiet", header: "Quiet period", cell: (r) => `${r.quietDays} d` },
  ];
  return (
    <DataTable
      caption="Retirements"
      columns={columns}
      result={result}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Search subject, reason or replacement"
      onRowClick={(r) => router.push(`/catalog/retirements/${r.id}`)}
      filters={[
        { id: "status", label: "Status", type: "select", options: opts(RETIREMENT_STATUSES) },
        { id: "kind", label: "Kind", type: "select", options: opts(RETIREMENT_SUBJECT_KINDS) },
      ]}
      emptyMessage="No retirements match."
    />
  );
}
