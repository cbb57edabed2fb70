"use client";

import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { AuditRow } from "@/lib/services/audit";
import type { ListResult, TListQuery } from "@/lib/validation/list";

function show(v: unknown): string {
  if (v === null || v === undefined) return "—";
  return typeof v === "string" ? v : JSON.stringify(v);
}

function Changes({ row }: { row: AuditRow }) {
  const before = (row.before ?? {}) as Record<string, unknown>;
  const after = (row.after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  if (!keys.length) return <span className="text-slate-400">—</span>;
  const created = row.before === null;
  return (
    <ul className="space-y-0.5 text-xs">
      {keys.slice(0, 6).map((k) => (
        <li key={k}>
          <span className="font-medium text-slate-700">{k}</span>:{" "}
          {created ? (
            <span className="text-slate-900">{show(after[k])}</span>
          ) : (
            <>
              <del className="text-red-700">{show(before[k])}</del> →{" "}
              <ins className="text-emerald-700 no-underline">{show(after[k])}</ins>
            </>
          )}
        </li>
      ))}
      {keys.length > 6 && <li className="text-slate-400">+{keys.length - 6} more</li>}
    </ul>
  );
}

const columns: DataTableColumn<AuditRow>[] = [
  { id: "seq", header: "#", sortable: true },
  { id: "at", header: "When", sortable: true, cell: (r) => new Date(r.at).toLocaleString() },
  { id: "actorEmail", header: "Who", sortable: true },
  { id: "action", header: "What", sortable: true, cell: (r) => <code className="text-xs">{r.action}</code> },
  { id: "entityType", header: "Entity", sortable: true, cell: (r) => `${r.entityType} ${r.entityId.slice(0, 10)}` },
  { id: "changes", header: "Changes", cell: (r) => <Changes row={r} /> },
];

export function AuditTable({
  result,
  query,
  actions,
  entityTypes,
}: {
  result: ListResult<AuditRow>;
  query: TListQuery;
  actions: string[];
  entityTypes: string[];
}) {
  return (
    <DataTable
      caption="Audit log"
      columns={columns}
      result={result}
      query={query}
      getRowId={(r) => r.seq}
      searchPlaceholder="Search actor, action or entity id"
      filters={[
        { id: "action", label: "Action", type: "select", options: actions.map((a) => ({ value: a, label: a })) },
        {
          id: "entityType",
          label: "Entity",
          type: "select",
          options: entityTypes.map((t) => ({ value: t, label: t })),
        },
        { id: "actorEmail", label: "Actor", type: "text" },
        { id: "from", label: "From", type: "date" },
        { id: "to", label: "To", type: "date" },
      ]}
      exportHref="/api/export/audit"
      emptyMessage="No audit entries match."
    />
  );
}
