"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { Badge } from "@/components/ui";
import { GOLDEN_STATUSES } from "@/lib/quality/master/inputs";
import type { TGoldenRow } from "@/lib/services/quality/master";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import { formatValue } from "./format-value";

export function GoldenTable({
  result,
  query,
  attributes,
  systems,
}: {
  result: ListResult<TGoldenRow>;
  query: TListQuery;
  attributes: string[];
  systems: string[];
}) {
  const columns: DataTableColumn<TGoldenRow>[] = [
    ...attributes.map((name, i) => ({
      id: `attr-${name}`,
      header: name,
      cell: (r: TGoldenRow) =>
        i === 0 ? (
          <Link href={`/quality/master/golden/${r.id}`} className="font-medium text-indigo-700 hover:underline">
            {formatValue(r.attributes[name])}
          </Link>
        ) : (
          formatValue(r.attributes[name])
        ),
    })),
    {
      id: "systems",
      header: "Sources",
      cell: (r) => (
        <span className="flex flex-wrap gap-1">
          {r.systems.map((s) => (
            <Badge key={s}>{s}</Badge>
          ))}
          <span className="text-xs text-slate-500">({r.sourceCount})</span>
        </span>
      ),
    },
    { id: "version", header: "Version", sortable: true },
    { id: "updatedAt", header: "Updated", sortable: true, cell: (r) => r.updatedAt.slice(0, 16).replace("T", " ") },
  ];
  return (
    <DataTable
      caption="Golden records"
      columns={columns}
      result={result}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Search values"
      filters={[
        {
          id: "status",
          label: "Status",
          type: "select",
          options: GOLDEN_STATUSES.map((s) => ({ value: s, label: s })),
        },
        { id: "system", label: "Source system", type: "select", options: systems.map((s) => ({ value: s, label: s })) },
      ]}
      emptyMessage="No golden records match. Clear the search or the filters, or send source records through a flow's golden_record step."
    />
  );
}
