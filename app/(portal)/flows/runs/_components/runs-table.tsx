"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { RunRow } from "@/lib/services/runs";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import type { TLookupOption } from "@/lib/validation/lookup";
import { searchFlows } from "../../../_lookups/search";
import { StateBadge } from "../../_components/state-badge";

const columns: DataTableColumn<RunRow>[] = [
  { id: "startedAt", header: "Started", sortable: true, cell: (r) => new Date(r.startedAt).toLocaleString() },
  {
    id: "messageId",
    header: "Message",
    cell: (r) => (
      <Link href={`/flows/runs/${r.id}`} className="font-mono text-xs text-indigo-700 hover:underline">
        {r.messageId}
      </Link>
    ),
  },
  { id: "flowName", header: "Flow", cell: (r) => `${r.flowName} v${r.version} · ${r.environmentKey}` },
  { id: "status", header: "Status", sortable: true, cell: (r) => <StateBadge state={r.status} /> },
  { id: "attempt", header: "Attempt" },
  {
    id: "durationMs",
    header: "Duration",
    sortable: true,
    cell: (r) => (r.durationMs == null ? "—" : `${r.durationMs} ms`),
  },
  {
    id: "error",
    header: "Error",
    cell: (r) => (
      <span className="block max-w-xs truncate text-xs text-red-700" title={r.error ?? undefined}>
        {r.error ?? ""}
      </span>
    ),
  },
];

export function RunsTable({
  result,
  query,
  flow,
  environments,
}: {
  result: ListResult<RunRow>;
  query: TListQuery;
  /** The flow filter's current value; the filter searches flows on the server. */
  flow: TLookupOption | null;
  environments: { value: string; label: string }[];
}) {
  return (
    <DataTable
      caption="Message runs"
      columns={columns}
      result={result}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Exact message or correlation id"
      filters={[
        { id: "flow", label: "Flow", type: "lookup", search: searchFlows, selected: flow, noun: "flow" },
        { id: "environment", label: "Environment", type: "select", options: environments },
        {
          id: "status",
          label: "Status",
          type: "select",
          options: ["running", "succeeded", "filtered", "failed", "dead_lettered"].map((s) => ({
            value: s,
            label: s.replace("_", " "),
          })),
        },
      ]}
      emptyMessage="No runs match."
    />
  );
}
