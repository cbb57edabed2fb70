"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { Badge } from "@/components/ui";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import type { UserRow } from "@/lib/services/users";
import type { ListResult, TListQuery } from "@/lib/validation/list";

const columns: DataTableColumn<UserRow>[] = [
  {
    id: "name",
    header: "Name",
    sortable: true,
    cell: (u) => (
      <Link href={`/admin/users/${u.id}`} className="font-medium text-indigo-700 hover:underline">
        {u.name}
      </Link>
    ),
  },
  { id: "email", header: "Email", sortable: true },
  { id: "role", header: "Role", sortable: true, cell: (u) => ROLE_LABELS[u.role] },
  {
    id: "status",
    header: "Status",
    cell: (u) => (u.isActive ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>),
  },
  {
    id: "lastLoginAt",
    header: "Last sign-in",
    sortable: true,
    cell: (u) => (u.lastLoginAt ? new Date(u.lastLoginAt).toLocaleString() : "Never"),
  },
];

export function UsersTable({
  result,
  query,
  toolbar,
}: {
  result: ListResult<UserRow>;
  query: TListQuery;
  toolbar?: React.ReactNode;
}) {
  return (
    <DataTable
      caption="Users"
      columns={columns}
      result={result}
      query={query}
      getRowId={(u) => u.id}
      searchPlaceholder="Search name or email"
      filters={[
        { id: "role", label: "Role", type: "select", options: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] })) },
        {
          id: "status",
          label: "Status",
          type: "select",
          options: [
            { value: "active", label: "Active" },
            { value: "inactive", label: "Inactive" },
          ],
        },
      ]}
      exportHref="/api/export/users"
      emptyMessage="No users match."
      toolbar={toolbar}
    />
  );
}
