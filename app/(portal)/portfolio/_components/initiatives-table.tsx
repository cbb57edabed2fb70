"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { Badge } from "@/components/ui";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import { CANDIDATE_STATUSES } from "@/lib/validation/prioritization";
import { STATUS_TONES } from "../../(prioritization)/candidates/_components/format";
import { FormulaTooltip } from "./formula-tooltip";
import type { TInitiativeRow } from "./initiative-rows";
import { ProgressBar } from "./progress-bar";

const notLive = <span className="text-slate-400">not live</span>;

const columns: DataTableColumn<TInitiativeRow>[] = [
  {
    id: "name",
    header: "Initiative",
    sortable: true,
    cell: (r) => (
      <div>
        <Link href={`/candidates/${r.id}`} className="font-medium text-indigo-700 hover:underline">
          {r.name}
        </Link>
        {r.flows.length > 0 && <p className="text-xs text-slate-500">In production: {r.flows.join(", ")}</p>}
      </div>
    ),
  },
  {
    id: "status",
    header: "Status",
    sortable: true,
    cell: (r) => <Badge tone={STATUS_TONES[r.status]}>{r.status}</Badge>,
  },
  { id: "wave", header: "Wave", sortable: true, cell: (r) => r.wave },
  {
    id: "estimate",
    header: "Estimated / yr",
    sortable: true,
    className: "text-right",
    cell: (r) => <FormulaTooltip value={r.estimate.text} formula={r.estimate.formula} />,
  },
  {
    id: "realizedToDate",
    header: "Realized to date",
    sortable: true,
    className: "text-right",
    cell: (r) =>
      r.realizedToDate ? (
        <FormulaTooltip value={r.realizedToDate.text} formula={r.realizedToDate.formula} testId={`realized-${r.id}`} />
      ) : (
        notLive
      ),
  },
  {
    id: "runRate",
    header: "Run-rate / yr",
    sortable: true,
    className: "text-right",
    cell: (r) => (r.runRate ? <FormulaTooltip value={r.runRate.text} formula={r.runRate.formula} /> : notLive),
  },
  {
    id: "payback",
    header: "Payback progress",
    sortable: true,
    cell: (r) =>
      r.payback ? (
        <div className="flex min-w-32 items-center gap-2">
          <ProgressBar percent={r.payback.percent} label={`Payback progress of ${r.name}`} />
          <FormulaTooltip value={r.payback.text} formula={r.payback.formula} />
        </div>
      ) : (
        notLive
      ),
  },
];

export function InitiativesTable({
  result,
  query,
  waveOptions,
}: {
  result: ListResult<TInitiativeRow>;
  query: TListQuery;
  waveOptions: { value: string; label: string }[];
}) {
  return (
    <DataTable
      caption="Initiatives: estimated against realized ROI"
      columns={columns}
      result={result}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Search initiatives"
      filters={[
        { id: "wave", label: "Wave", type: "select", options: waveOptions },
        {
          id: "status",
          label: "Status",
          type: "select",
          options: CANDIDATE_STATUSES.map((s) => ({ value: s, label: s })),
        },
      ]}
      emptyMessage="No initiatives match these filters."
    />
  );
}
