"use client";

import { Fragment, useState } from "react";
import { Badge, Input } from "@/components/ui";
import type { TProfileColumnRow } from "@/lib/services/quality/profiling/types";
import { formatCount, formatExtreme, formatRate, formatRows, outOfRangeTotal } from "../_lib/present";
import { ColumnDetail } from "./column-detail";

const th =
  "sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-3 py-2 text-xs font-semibold text-slate-600 uppercase whitespace-nowrap";
const td = "border-b border-slate-100 px-3 py-2 align-top";

/**
 * The latest run's columns, one row each; "Show" opens the column's histogram and distributions
 * below its row. A filter narrows wide profiles (hundreds of nested fields) by name.
 */
export function ColumnsTable({ columns }: { columns: TProfileColumnRow[] }) {
  const [open, setOpen] = useState<string | null>(columns.length === 1 ? columns[0].name : null);
  const [filter, setFilter] = useState("");
  const shown = filter.trim()
    ? columns.filter((c) => c.name.toLowerCase().includes(filter.trim().toLowerCase()))
    : columns;
  return (
    <div className="space-y-3">
      {columns.length > 8 && (
        <div className="max-w-xs">
          <label htmlFor="pf-column-filter" className="text-xs font-medium text-slate-600">
            Filter columns
          </label>
          <Input
            id="pf-column-filter"
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="Column name"
            autoComplete="off"
          />
        </div>
      )}
      <div
        className="overflow-x-auto rounded-lg border border-slate-200"
        role="region"
        aria-label="Columns"
        tabIndex={0}
      >
        <table className="w-full border-separate border-spacing-0 text-left text-sm text-slate-700">
          <caption className="sr-only">Columns of the latest run</caption>
          <thead>
            <tr>
              <th scope="col" className={th}>
                Column
              </th>
              <th scope="col" className={th}>
                Type
              </th>
              <th scope="col" className={`${th} text-right`}>
                Null %
              </th>
              <th scope="col" className={`${th} text-right`}>
                Distinct
              </th>
              <th scope="col" className={th}>
                Min
              </th>
              <th scope="col" className={th}>
                Max
              </th>
              <th scope="col" className={th}>
                Length
              </th>
              <th scope="col" className={th}>
                Formats
              </th>
              <th scope="col" className={`${th} text-right`}>
                Out of range
              </th>
              <th scope="col" className={th}>
                <span className="sr-only">Distributions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => {
              const p = c.profile;
              const isOpen = open === c.name;
              const detailId = `pf-col-${encodeURIComponent(c.name)}`;
              const formats = formatRows(p).slice(0, 2);
              const oor = outOfRangeTotal(p);
              return (
                <Fragment key={c.name}>
                  <tr className={isOpen ? "bg-indigo-50/40" : undefined}>
                    <th scope="row" className={`${td} font-mono text-xs font-medium text-slate-900`}>
                      {c.name}
                    </th>
                    <td className={td}>
                      <span className="whitespace-nowrap">{c.type}</span>{" "}
                      {p.typeDrift && <Badge tone="warning">type drift</Badge>}
                    </td>
                    <td className={`${td} text-right tabular-nums`}>
                      {formatRate(c.nullRate)}
                      <span className="block text-xs text-slate-500">{formatCount(c.nulls)}</span>
                    </td>
                    <td className={`${td} text-right tabular-nums`}>
                      {p.distinctExact ? "" : "≈"}
                      {formatCount(c.distinct)}
                    </td>
                    <td className={`${td} max-w-40 truncate`} title={String(p.min ?? "")}>
                      {formatExtreme(p.min)}
                    </td>
                    <td className={`${td} max-w-40 truncate`} title={String(p.max ?? "")}>
                      {formatExtreme(p.max)}
                    </td>
                    <td className={`${td} whitespace-nowrap tabular-nums`}>
                      {p.length ? (
                        <>
                          {p.length.min === p.length.max ? p.length.min : `${p.length.min}–${p.length.max}`}
                          <span className="block text-xs text-slate-500">mean {p.length.mean}</span>
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td className={td}>
                      {formats.length ? (
                        <ul className="space-y-0.5 text-xs">
                          {formats.map((f) => (
                            <li key={f.label} className="whitespace-nowrap">
                              {f.label} <span className="text-slate-500">{formatRate(f.share)}</span>
                            </li>
                          ))}
                        </ul>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td className={`${td} text-right tabular-nums`}>
                      {oor ? (
                        <Badge tone="warning">{formatCount(oor)}</Badge>
                      ) : (
                        <span className="text-slate-400">0</span>
                      )}
                    </td>
                    <td className={td}>
                      <button
                        type="button"
                        className="rounded px-1 text-sm font-medium text-indigo-700 hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
                        aria-expanded={isOpen}
                        aria-controls={detailId}
                        aria-label={`${isOpen ? "Hide" : "Show"} distributions of ${c.name}`}
                        onClick={() => setOpen(isOpen ? null : c.name)}
                      >
                        {isOpen ? "Hide" : "Show"}
                      </button>
                    </td>
                  </tr>
                  {isOpen && (
                    <tr id={detailId}>
                      <td colSpan={10} className="border-b border-slate-200 bg-slate-50/60 p-4">
                        <ColumnDetail profile={p} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
            {shown.length === 0 && (
              <tr>
                <td colSpan={10} className="px-3 py-6 text-center text-sm text-slate-500">
                  No column matches “{filter}”.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
