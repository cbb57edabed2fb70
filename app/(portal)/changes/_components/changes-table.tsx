"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { TChangeRow } from "@/lib/services/changes/queries";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import { ChangeStatusBadge, ChangeTypeBadge, RiskBadge, changeLabel, formatWindow } from "./badges";

const opts = (values: readonly string[]) => values.map((v) => ({ value: v, label: v.replace(/_/g, " ") }));

export function ChangesTable({
  result,
  query,
  environments,
  statuses,
}: {
  result: ListResult<TChangeRow>;
  query: TListQuery;
  environments: { value: string; label: string }[];
  statuses: readonly string[];
}) {
  const router = useRouter();
  const columns: DataTableColumn<TChangeRow>[] = [
    {
      id: "number",
      header: "Change",
      cell: (r) => (
        <Link href={`/changes/${r.id}`} className="font-medium text-indigo-700 hover:underline">
          {changeLabel(r.number)}
        </Link>
      ),
    },
    { id: "title", header: "Title", cell: (r) => <span className="text-slate-900">{r.title}</span> },
    { id: "type", header: "Type", cell: (r) => <ChangeTypeBadge type={r.type} /> },
    { id: "status", header: "Status", cell: (r) => <ChangeStatusBadge status={r.status} /> },
    { id: "risk", header: "Risk", cell: (r) => <RiskBadge level={r.riskLevel} score={r.riskScore} /> },
    { id: "environment", header: "Env", cell: (r) => r.environmentKey },
    {
      id: "window",
      header: "Window",
      className: "whitespace-nowrap",
      cell: (r) => formatWindow(r.windowStart, r.windowEnd),
    },
    {
      id: "approvals",
      header: "Votes",
      cell: (r) => (
        <span className="whitespace-nowrap">
          {r.approvals}/{r.requiredApprovals}
          {r.conflictCount > 0 && <span className="ml-1 text-xs text-amber-700">· {r.conflictCount} conflict(s)</span>}
        </span>
      ),
    },
    { id: "requester", header: "Requested by", cell: (r) => r.requestedByName ?? r.requestedByEmail },
  ];
  return (
    <DataTable
      caption="Change requests"
      columns={columns}
      result={result}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Search title, item or CHG-number"
      onRowClick={(r) => router.push(`/changes/${r.id}`)}
      filters={[
        { id: "status", label: "Status", type: "select", options: opts(statuses) },
        { id: "type", label: "Type", type: "select", options: opts(["standard", "normal", "emergency"]) },
        { id: "risk", label: "Risk", type: "select", options: opts(["low", "medium", "high"]) },
        { id: "environment", label: "Environment", type: "select", options: environments },
      ]}
      emptyMessage="No change requests yet."
    />
  );
}
