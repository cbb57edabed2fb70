"use client";

import Link from "next/link";
import { Sparkline } from "@/components/charts";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { Badge, type Tone } from "@/components/ui";
import type { FlowRow } from "@/lib/services/flows";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import { StateBadge } from "./state-badge";

const NOT_DEPLOYED = <span className="text-xs text-slate-500">—</span>;

/** Below 95 % most messages still get through, but someone should look; below 99 % is worth a glance. */
function successTone(rate: number): Tone {
  return rate >= 99 ? "success" : rate >= 95 ? "warning" : "danger";
}

const columns: DataTableColumn<FlowRow>[] = [
  {
    id: "name",
    header: "Flow",
    sortable: true,
    cell: (f) => (
      <div>
        <Link href={`/flows/${f.id}`} className="font-medium text-indigo-700 hover:underline">
          {f.name}
        </Link>
        {f.description && <p className="max-w-md truncate text-xs text-slate-500">{f.description}</p>}
      </div>
    ),
  },
  { id: "owner", header: "Owner", sortable: true },
  { id: "latestVersion", header: "Latest", cell: (f) => (f.latestVersion ? `v${f.latestVersion}` : "—") },
  {
    id: "deployments",
    header: "Deployments",
    cell: (f) =>
      f.deployments.length ? (
        <div className="flex flex-wrap gap-1">
          {f.deployments.map((d) => (
            <span key={d.environmentKey} className="inline-flex items-center gap-1 text-xs">
              <span className="font-medium text-slate-600">
                {d.environmentKey} v{d.version}
              </span>
              <StateBadge
                state={d.actualState}
                label={d.actualState === d.desiredState ? undefined : `${d.actualState} → ${d.desiredState}`}
              />
            </span>
          ))}
        </div>
      ) : (
        <span className="text-xs text-slate-500">Not deployed</span>
      ),
  },
  {
    id: "residency",
    header: "Residency",
    cell: (f) =>
      f.isResidencyFlagged && f.interface?.decision ? (
        <Link
          href={`/advisor/${f.interface.decision.id}`}
          className="hover:underline"
          title={`ADR-${f.interface.decision.number} flags ${f.interface.name} for data residency`}
        >
          <Badge tone="danger">Flagged · ADR-{f.interface.decision.number}</Badge>
        </Link>
      ) : f.interface ? (
        <span className="text-xs text-slate-600" title={f.interface.name}>
          {f.interface.decision ? "Clear" : "Not assessed"}
        </span>
      ) : (
        <span className="text-xs text-slate-500">No interface</span>
      ),
  },
  {
    id: "successRate",
    header: "Success (24h)",
    cell: (f) =>
      f.health ? (
        <span className="inline-flex items-center gap-1 whitespace-nowrap text-xs">
          <span className="font-medium text-slate-600">{f.health.environmentKey}</span>
          {f.health.successRate === null ? (
            <span className="text-slate-500" title="No message finished in the last 24 hours">
              no traffic
            </span>
          ) : (
            <span title={`${f.health.finished.toLocaleString("en-US")} messages finished in the last 24 hours`}>
              <Badge tone={successTone(f.health.successRate)}>{f.health.successRate}%</Badge>
            </span>
          )}
        </span>
      ) : (
        NOT_DEPLOYED
      ),
  },
  {
    id: "throughput",
    header: "Messages/hour (24h)",
    cell: (f) =>
      f.health ? (
        <Sparkline title={`${f.name} messages per hour, last 24 hours`} data={f.health.hourly} width={96} height={24} />
      ) : (
        NOT_DEPLOYED
      ),
  },
  {
    id: "backlog",
    header: "Backlog",
    cell: (f) =>
      f.health?.backlog == null ? (
        <span
          className="text-xs text-slate-500"
          title="The engine measured no queue backlog for this flow in the last 24 hours"
        >
          —
        </span>
      ) : (
        <span title={`Measured ${new Date(f.health.backlogAt ?? "").toLocaleString()}`}>
          {f.health.backlog.toLocaleString("en-US")}
        </span>
      ),
  },
  {
    id: "deadLetters",
    header: "Dead letters",
    cell: (f) =>
      f.health?.deadLetters ? (
        <Link
          href={`/flows/dlq?f.flow=${f.id}&f.environment=${f.health.environmentKey}`}
          title={`Pending dead letters in ${f.health.environmentKey}`}
        >
          <Badge tone="danger">{f.health.deadLetters}</Badge>
        </Link>
      ) : f.health ? (
        "0"
      ) : (
        NOT_DEPLOYED
      ),
  },
  { id: "updatedAt", header: "Updated", sortable: true, cell: (f) => new Date(f.updatedAt).toLocaleString() },
];

export function FlowsTable({
  result,
  query,
  environments,
}: {
  result: ListResult<FlowRow>;
  query: TListQuery;
  environments: { value: string; label: string }[];
}) {
  return (
    <DataTable
      caption="Flows"
      columns={columns}
      result={result}
      query={query}
      getRowId={(f) => f.id}
      searchPlaceholder="Search name, description or owner"
      filters={[
        { id: "environment", label: "Environment", type: "select", options: environments },
        {
          id: "residency",
          label: "Residency",
          type: "select",
          options: [
            { value: "flagged", label: "Flagged" },
            { value: "clear", label: "Linked, not flagged" },
            { value: "unlinked", label: "No interface linked" },
          ],
        },
        {
          id: "state",
          label: "Desired state",
          type: "select",
          options: [
            { value: "running", label: "Running" },
            { value: "paused", label: "Paused" },
            { value: "stopped", label: "Stopped" },
          ],
        },
      ]}
      emptyMessage="No flows match. Create one, or import a YAML/JSON flow."
    />
  );
}
