"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { Badge, type Tone } from "@/components/ui";
import type { TApiOperationStat } from "@/lib/services/apis/analytics";
import type { TSyncAsync } from "@/lib/services/apis/sync-async";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import { formatCalls, formatMs, formatPct, formatUtc, versionHref } from "./analytics-format";

export type TOperationRow = TApiOperationStat & {
  advice: { recommendation: TSyncAsync; reason: string; isMeasured: boolean } | null;
};

const ADVICE_TONE: Record<TSyncAsync, Tone> = { sync: "success", either: "info", async: "warning" };
const ADVICE_LABEL: Record<TSyncAsync, string> = { sync: "Sync", either: "Either", async: "Async (202)" };

/** Under 1 % of calls failing is normal noise; 5 % or more needs someone to look. */
function errorTone(pct: number | null): Tone {
  return pct === null || pct < 1 ? "neutral" : pct < 5 ? "warning" : "danger";
}

export function SyncAsyncBadge({
  recommendation,
  reason,
  isMeasured = true,
}: {
  recommendation: TSyncAsync;
  reason: string;
  isMeasured?: boolean;
}) {
  return (
    <span title={reason} className="inline-flex items-center gap-1">
      <Badge tone={isMeasured ? ADVICE_TONE[recommendation] : "neutral"}>
        {isMeasured ? ADVICE_LABEL[recommendation] : "Not measured"}
      </Badge>
      <span className="sr-only">{reason}</span>
    </span>
  );
}

const columns: DataTableColumn<TOperationRow>[] = [
  {
    id: "operation",
    header: "Operation",
    sortable: true,
    cell: (r) => <code className="font-mono text-xs text-slate-800">{r.operation}</code>,
  },
  {
    id: "versionKey",
    header: "Version",
    sortable: true,
    cell: (r) => (
      <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
        <Link href={versionHref(r.versionKey)} className="text-indigo-700 hover:underline">
          {r.versionKey}
        </Link>
        {r.lifecycle === "deprecated" && <Badge tone="warning">Deprecated</Badge>}
      </span>
    ),
  },
  { id: "calls", header: "Calls", sortable: true, className: "text-right", cell: (r) => formatCalls(r.calls) },
  {
    id: "errorPct",
    header: "Error %",
    sortable: true,
    className: "text-right",
    cell: (r) => (
      <span
        title={`${formatCalls(r.clientErrors)} client errors, ${formatCalls(r.serverErrors)} server errors, ${formatCalls(r.rateLimited)} rate limited`}
      >
        <Badge tone={errorTone(r.errorPct)}>{formatPct(r.errorPct)}</Badge>
      </span>
    ),
  },
  { id: "p95Ms", header: "p95", sortable: true, className: "text-right", cell: (r) => formatMs(r.p95Ms) },
  { id: "p99Ms", header: "p99", sortable: true, className: "text-right", cell: (r) => formatMs(r.p99Ms) },
  { id: "lastCallAt", header: "Last call", sortable: true, cell: (r) => formatUtc(r.lastCallAt) },
  {
    id: "advice",
    header: "Sync or async (7 d)",
    cell: (r) =>
      r.advice ? (
        <SyncAsyncBadge
          recommendation={r.advice.recommendation}
          reason={r.advice.reason}
          isMeasured={r.advice.isMeasured}
        />
      ) : (
        <span className="text-xs text-slate-500">—</span>
      ),
  },
];

/** Calls, error rate and latency per operation over the filtered range, with the sync/async advice. */
export function ApiOperationsTable({
  result,
  query,
  emptyMessage = "No calls in this range.",
}: {
  result: ListResult<TOperationRow>;
  query: TListQuery;
  emptyMessage?: string;
}) {
  return (
    <DataTable
      caption="Calls per operation"
      columns={columns}
      result={result}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Search operation or version"
      emptyMessage={emptyMessage}
    />
  );
}
