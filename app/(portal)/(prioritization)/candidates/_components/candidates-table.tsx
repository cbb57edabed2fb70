"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { Badge } from "@/components/ui";
import type { CandidateRow } from "@/lib/services/prioritization/candidates";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import { CANDIDATE_STATUSES } from "@/lib/validation/prioritization";
import { formatMoney, STATUS_TONES } from "./format";

const columns: DataTableColumn<CandidateRow>[] = [
  {
    id: "name",
    header: "Candidate",
    sortable: true,
    cell: (c) => (
      <Link href={`/candidates/${c.id}`} className="font-medium text-indigo-700 hover:underline">
        {c.name}
      </Link>
    ),
  },
  {
    id: "status",
    header: "Status",
    sortable: true,
    cell: (c) => <Badge tone={STATUS_TONES[c.status]}>{c.status}</Badge>,
  },
  { id: "department", header: "Department", cell: (c) => c.department ?? "—" },
  { id: "processCount", header: "Processes" },
  { id: "interfaceCount", header: "Interfaces" },
  { id: "dependsOnCount", header: "Depends on" },
  {
    id: "annualHoursSaved",
    header: "Hours saved / yr",
    cell: (c) => (c.annualHoursSaved ?? 0).toLocaleString("en-US"),
  },
  { id: "npv", header: "NPV", cell: (c) => formatMoney(c.npv) },
  {
    id: "paybackMonths",
    header: "Payback",
    cell: (c) => (c.paybackMonths === null ? "never" : `${c.paybackMonths} mo`),
  },
];

export function CandidatesTable({
  result,
  query,
  departments,
  toolbar,
}: {
  result: ListResult<CandidateRow>;
  query: TListQuery;
  departments: { id: string; name: string }[];
  toolbar?: React.ReactNode;
}) {
  return (
    <DataTable
      caption="Integration candidates"
      columns={columns}
      result={result}
      query={query}
      getRowId={(c) => c.id}
      searchPlaceholder="Search candidates"
      filters={[
        {
          id: "status",
          label: "Status",
          type: "select",
          options: CANDIDATE_STATUSES.map((s) => ({ value: s, label: s })),
        },
        {
          id: "department",
          label: "Department",
          type: "select",
          options: departments.map((d) => ({ value: d.id, label: d.name })),
        },
      ]}
      emptyMessage="No candidates match."
      toolbar={toolbar}
    />
  );
}
