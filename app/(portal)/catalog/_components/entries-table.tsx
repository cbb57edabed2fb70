"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { TCatalogEntryRow, TOwnerOption } from "@/lib/services/catalog";
import { CATALOG_LIFECYCLES, KIND_LABELS, TIER_LABELS } from "@/lib/validation/catalog";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import { formatSeen } from "../_lib/format";
import { CatalogLifecycleBadge, KindBadge, TierBadge } from "./badges";

const columns: DataTableColumn<TCatalogEntryRow>[] = [
  {
    id: "name",
    header: "Entry",
    sortable: true,
    cell: (r) => (
      <Link href={r.href} className="font-medium text-indigo-700 hover:underline">
        {r.name}
      </Link>
    ),
  },
  { id: "kind", header: "Kind", sortable: true, cell: (r) => <KindBadge kind={r.kind} /> },
  {
    id: "lifecycle",
    header: "Lifecycle",
    sortable: true,
    cell: (r) => <CatalogLifecycleBadge lifecycle={r.lifecycle} />,
  },
  { id: "tier", header: "Tier", sortable: true, cell: (r) => <TierBadge tier={r.tier} /> },
  { id: "ownerName", header: "Owner", cell: (r) => r.ownerName || <span className="text-slate-400">Nobody</span> },
  { id: "dependsOn", header: "Depends on", className: "text-right" },
  { id: "dependents", header: "Dependents", sortable: true, className: "text-right" },
  {
    id: "observedOnly",
    header: "Observed only",
    className: "text-right",
    cell: (r) => (r.observedOnly ? <span className="font-medium text-amber-700">{r.observedOnly}</span> : "0"),
  },
  { id: "lastSeenAt", header: "Last traffic", sortable: true, cell: (r) => formatSeen(r.lastSeenAt) },
];

export function EntriesTable({
  result,
  query,
  owners,
}: {
  result: ListResult<TCatalogEntryRow>;
  query: TListQuery;
  owners: TOwnerOption[];
}) {
  return (
    <DataTable
      caption="Catalog entries"
      columns={columns}
      result={result}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Search name or owner"
      filters={[
        {
          id: "kind",
          label: "Kind",
          type: "select",
          options: (["system", "flow", "queue"] as const).map((k) => ({ value: k, label: KIND_LABELS[k] })),
        },
        {
          id: "lifecycle",
          label: "Lifecycle",
          type: "select",
          options: CATALOG_LIFECYCLES.map((l) => ({ value: l, label: l[0]!.toUpperCase() + l.slice(1) })),
        },
        {
          id: "tier",
          label: "Tier",
          type: "select",
          options: Object.entries(TIER_LABELS).map(([value, label]) => ({ value, label })),
        },
        {
          id: "owner",
          label: "Owner",
          type: "select",
          options: [
            { value: "none", label: "Nobody" },
            ...owners.map((o) => ({ value: o.id, label: o.name || o.email })),
          ],
        },
      ]}
      emptyMessage="No entries match. Clear the search or the filters."
    />
  );
}
