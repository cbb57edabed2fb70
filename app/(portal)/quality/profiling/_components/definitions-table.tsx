"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { Badge } from "@/components/ui";
import type { TProfileDefinitionRow } from "@/lib/services/quality/profiling/types";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import { formatCount, formatWhen, TARGET_KINDS } from "../_lib/present";
import { RunStatusBadge } from "./run-status-badge";

const none = <span className="text-slate-400">—</span>;

const columns: DataTableColumn<TProfileDefinitionRow>[] = [
  {
    id: "name",
    header: "Profile",
    sortable: true,
    cell: (d) => (
      <div>
        <Link href={`/quality/profiling/${d.id}`} className="font-medium text-indigo-700 hover:underline">
          {d.name}
        </Link>
        {d.description && <p className="max-w-xs truncate text-xs text-slate-500">{d.description}</p>}
      </div>
    ),
  },
  {
    id: "targetLabel",
    header: "Target",
    cell: (d) => (
      <div>
        <p>{d.targetLabel}</p>
        <p className="text-xs text-slate-500">{TARGET_KINDS[d.targetKind]}</p>
      </div>
    ),
  },
  {
    id: "scheduleLabel",
    header: "Schedule",
    cell: (d) => (
      <div>
        <p>{d.scheduleLabel}</p>
        {!d.enabled && <Badge>paused</Badge>}
      </div>
    ),
  },
  {
    id: "lastRun",
    header: "Last run",
    cell: (d) =>
      d.lastRun ? (
        <div className="space-y-0.5">
          <RunStatusBadge status={d.lastRun.status} />
          <p className="text-xs text-slate-500">
            {d.lastRun.finishedAt ? formatWhen(d.lastRun.finishedAt) : "in progress"} · {formatCount(d.lastRun.rows)}{" "}
            rows
          </p>
        </div>
      ) : (
        <span className="text-slate-400">Never run</span>
      ),
  },
  {
    id: "nextRunAt",
    header: "Next run (UTC)",
    sortable: true,
    cell: (d) => (d.enabled && d.nextRunAt ? formatWhen(d.nextRunAt) : none),
  },
  {
    id: "openAnomalies",
    header: "Anomalies",
    cell: (d) =>
      d.openAnomalies ? (
        <Link href={`/quality/profiling/${d.id}#anomalies`} aria-label={`${d.openAnomalies} anomalies of ${d.name}`}>
          <Badge tone="warning">{formatCount(d.openAnomalies)}</Badge>
        </Link>
      ) : (
        <span className="text-slate-400">None</span>
      ),
  },
];

export function DefinitionsTable({ result, query }: { result: ListResult<TProfileDefinitionRow>; query: TListQuery }) {
  return (
    <DataTable
      caption="Profiles"
      columns={columns}
      result={result}
      query={query}
      getRowId={(d) => d.id}
      searchPlaceholder="Search name, table or flow"
      emptyMessage="No profile matches the search and filters."
      filters={[
        {
          id: "kind",
          label: "Target",
          type: "select",
          options: [
            { value: "stream", label: TARGET_KINDS.stream },
            { value: "sql", label: TARGET_KINDS.sql },
          ],
        },
        {
          id: "enabled",
          label: "Schedule",
          type: "select",
          options: [
            { value: "true", label: "Enabled" },
            { value: "false", label: "Paused" },
          ],
        },
      ]}
    />
  );
}
