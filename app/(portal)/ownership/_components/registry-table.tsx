"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { RegistryRow } from "@/lib/services/ownership/registry";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import { SignOffButton } from "./sign-off-button";
import { StatusBadge } from "./status-badge";

export function RegistryTable({
  result,
  query,
  currentUserId,
  canManage,
  departments,
}: {
  result: ListResult<RegistryRow>;
  query: TListQuery;
  currentUserId: string | null;
  canManage: boolean;
  departments: { id: string; name: string }[];
}) {
  const columns: DataTableColumn<RegistryRow>[] = [
    {
      id: "name",
      header: "Process",
      sortable: true,
      cell: (r) => <span className="font-medium text-slate-900">{r.name}</span>,
    },
    { id: "department", header: "Department", sortable: true, cell: (r) => r.context },
    { id: "owner", header: "Accountable owner", cell: (r) => r.owner ?? <span className="text-slate-400">none</span> },
    { id: "steward", header: "Steward", cell: (r) => r.steward ?? <span className="text-slate-400">none</span> },
    { id: "status", header: "Sign-off", cell: (r) => <StatusBadge status={r.status} expiresAt={r.expiresAt} /> },
    {
      id: "actions",
      header: "",
      cell: (r) => (
        <span className="flex flex-wrap items-center gap-2">
          {r.ownershipId && r.ownerId === currentUserId && (
            <SignOffButton ownershipId={r.ownershipId} name={r.name} isRenewal={r.status === "signed"} />
          )}
          {canManage && (
            <Link className="text-sm text-indigo-700 hover:underline" href={`/ownership/assign?processId=${r.scopeId}`}>
              {r.ownerId ? "Change" : "Assign"}
            </Link>
          )}
        </span>
      ),
    },
  ];
  return (
    <DataTable
      caption="Process ownership"
      columns={columns}
      result={result}
      query={query}
      getRowId={(r) => r.scopeId}
      searchPlaceholder="Search processes"
      filters={[
        {
          id: "status",
          label: "Sign-off",
          type: "select",
          options: [
            { value: "unowned", label: "Unowned" },
            { value: "unsigned", label: "Unsigned" },
            { value: "expired", label: "Expired" },
            { value: "signed", label: "Signed" },
          ],
        },
        {
          id: "department",
          label: "Department",
          type: "select",
          options: departments.map((d) => ({ value: d.id, label: d.name })),
        },
      ]}
      emptyMessage="No processes match."
    />
  );
}
