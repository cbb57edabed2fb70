"use client";

import { ChartFrame } from "./chart-frame";
import { formatNumber } from "./format";
import { HEAT_SCALE, heatColor } from "./palette";
import { extent } from "./scale";

type Props = {
  title: string;
  description?: string;
  rows: string[];
  columns: string[];
  /** `values[row][column]`; null is "no value" and is drawn blank. */
  values: (number | null)[][];
  /** Header of the row-label column, e.g. "Department". */
  rowHeader?: string;
  formatValue?: (value: number) => string;
  /** Fix the colour scale (e.g. 1–5 for scores) instead of using the data's range. */
  min?: number;
  max?: number;
  emptyMessage?: string;
  className?: string;
};

/**
 * Rows × columns coloured by value. It is a real table with the numbers printed in each cell, so it
 * needs no separate text equivalent and colour is never the only carrier of meaning.
 */
export function Heatmap({
  title,
  description,
  rows,
  columns,
  values,
  rowHeader = "",
  formatValue = formatNumber,
  min,
  max,
  emptyMessage,
  className,
}: Props) {
  const range = extent(values.flat());
  const lo = min ?? range?.min ?? 0;
  const hi = max ?? range?.max ?? 0;
  return (
    <ChartFrame
      title={title}
      description={description}
      isEmpty={!range || rows.length === 0 || columns.length === 0}
      emptyMessage={emptyMessage}
      isGraphic={false}
      className={className}
    >
      <div className="overflow-x-auto">
        <table className="w-full border-separate border-spacing-1 text-sm">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col" className="px-2 py-1 text-left text-xs font-medium text-slate-500">
                {rowHeader}
              </th>
              {columns.map((column) => (
                <th
                  key={column}
                  scope="col"
                  className="px-2 py-1 text-center text-xs font-medium whitespace-nowrap text-slate-600"
                >
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={row}>
                <th scope="row" className="px-2 py-1 text-left text-xs font-medium whitespace-nowrap text-slate-700">
                  {row}
                </th>
                {columns.map((column, c) => {
                  const value = values[r]?.[c];
                  const has = typeof value === "number" && Number.isFinite(value);
                  const color = has ? heatColor(value, lo, hi) : undefined;
                  return (
                    <td
                      key={column}
                      className="h-9 min-w-12 rounded-md px-2 text-center tabular-nums"
                      style={
                        color
                          ? { backgroundColor: color.background, color: color.text }
                          : { backgroundColor: "#f8fafc", color: "#94a3b8" }
                      }
                      title={`${row} · ${column}: ${has ? formatValue(value) : "no value"}`}
                    >
                      {has ? formatValue(value) : <span aria-label="no value">–</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-2 flex items-center gap-2 text-xs text-slate-500" aria-hidden="true">
        <span className="tabular-nums">{formatValue(lo)}</span>
        <span
          className="h-2 w-32 rounded-full"
          style={{ background: `linear-gradient(to right, ${HEAT_SCALE.join(", ")})` }}
        />
        <span className="tabular-nums">{formatValue(hi)}</span>
      </div>
    </ChartFrame>
  );
}
