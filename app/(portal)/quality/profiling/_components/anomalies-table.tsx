"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { Badge } from "@/components/ui";
import type { TProfileAnomalyRow } from "@/lib/services/quality/profiling/types";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import { ANOMALY_KINDS, formatWhen } from "../_lib/present";

/**
 * The alert inbox has no page per alert; its message is `Profile "<name>": <anomaly message>`, so
 * the link opens the inbox searched for the anomaly's message (cut to the search's 200 characters).
 */
const alertHref = (a: TProfileAnomalyRow) => `/flows/alerts?q=${encodeURIComponent(a.message.slice(0, 200))}`;

export function AnomaliesTable({
  result,
  query,
  showDefinition = true,
  definitions,
}: {
  result: ListResult<TProfileAnomalyRow>;
  query: TListQuery;
  /** False on a definition's own page, where every row is that definition's. */
  showDefinition?: boolean;
  definitions?: { value: string; label: string }[];
}) {
  const columns: DataTableColumn<TProfileAnomalyRow>[] = [
    { id: "createdAt", header: "When (UTC)", sortable: true, cell: (a) => formatWhen(a.createdAt) },
    ...(showDefinition
      ? [
          {
            id: "definitionName",
            header: "Profile",
            cell: (a: TProfileAnomalyRow) => (
              <Link href={`/quality/profiling/${a.definitionId}`} className="text-indigo-700 hover:underline">
                {a.definitionName}
              </Link>
            ),
          },
        ]
      : []),
    { id: "kind", header: "Kind", sortable: true, cell: (a) => ANOMALY_KINDS[a.kind] ?? a.kind },
    {
      id: "column",
      header: "Column",
      cell: (a) =>
        a.column ? <code className="text-xs">{a.column}</code> : <span className="text-slate-400">whole run</span>,
    },
    {
      id: "severity",
      header: "Severity",
      sortable: true,
      cell: (a) => <Badge tone={a.severity === "critical" ? "danger" : "warning"}>{a.severity}</Badge>,
    },
    { id: "message", header: "What changed", className: "max-w-md" },
    {
      id: "alertId",
      header: "Alert",
      cell: (a) =>
        a.alertId ? (
          <Link href={alertHref(a)} className="text-indigo-700 hover:underline">
            Open alert
          </Link>
        ) : (
          <span className="text-slate-400">—</span>
        ),
    },
  ];
  return (
    <DataTable
      caption="Anomalies"
      columns={columns}
      result={result}
      query={query}
      getRowId={(a) => a.id}
      searchPlaceholder="Search message or column"
      emptyMessage="No anomalies: every run stayed within its baseline, or the baseline is still being built."
      filters={[
        ...(definitions ? [{ id: "definition", label: "Profile", type: "select" as const, options: definitions }] : []),
        {
          id: "kind",
          label: "Kind",
          type: "select",
          options: Object.entries(ANOMALY_KINDS).map(([value, label]) => ({ value, label })),
        },
        {
          id: "severity",
          label: "Severity",
          type: "select",
          options: [
            { value: "warning", label: "Warning" },
            { value: "critical", label: "Critical" },
          ],
        },
      ]}
    />
  );
}
