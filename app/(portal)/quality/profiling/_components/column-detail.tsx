"use client";

import { BarChartCard } from "@/components/charts";
import { formatCompact } from "@/components/charts/format";
import type { TColumnProfile } from "@/lib/quality/profiling/summary";
import {
  describeTypes,
  formatCount,
  formatExtreme,
  formatRate,
  formatRows,
  histogramRows,
  patternRows,
  type TShareRow,
} from "../_lib/present";

/** Counts are whole: an axis tick between two (0.5 values) would mislead, so it has no label. */
const countTick = (v: number) => (Number.isInteger(v) ? formatCompact(v) : "");

/** One column's distributions: the histogram (numbers) or top values (text), formats, patterns, types. */
export function ColumnDetail({ profile }: { profile: TColumnProfile }) {
  const bins = histogramRows(profile);
  const top = profile.top.map((t) => ({
    value: t.value.length > 32 ? `${t.value.slice(0, 31)}…` : t.value,
    count: t.count,
  }));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {bins.length > 0 ? (
        <BarChartCard
          title={`Histogram of ${profile.name}`}
          description={
            profile.quantiles
              ? `Median ${formatExtreme(profile.quantiles.p50)}, middle half ${formatExtreme(profile.quantiles.p25)} to ${formatExtreme(profile.quantiles.p75)}, 1st–99th percentile ${formatExtreme(profile.quantiles.p01)} to ${formatExtreme(profile.quantiles.p99)}.`
              : "Values per equal-width bin."
          }
          data={bins}
          categoryKey="bin"
          categoryLabel="Range"
          series={[{ key: "count", label: "Values" }]}
          formatValue={countTick}
          height={220}
        />
      ) : top.length > 0 ? (
        <BarChartCard
          title={`Most frequent values of ${profile.name}`}
          description="Counted exactly while the column has few distinct values."
          data={top}
          categoryKey="value"
          categoryLabel="Value"
          series={[{ key: "count", label: "Rows" }]}
          formatValue={countTick}
          layout="vertical"
          height={Math.max(160, top.length * 26)}
        />
      ) : (
        <div className="flex items-center justify-center rounded-lg border border-dashed border-slate-200 p-6 text-sm text-slate-500">
          No histogram:{" "}
          {profile.type === "empty"
            ? "every value is null"
            : "the column is not numeric and has too many distinct values to list the most frequent"}
          .
        </div>
      )}
      <div className="space-y-4">
        <ShareTable caption={`Formats of ${profile.name}`} header="Format" rows={formatRows(profile)} />
        <ShareTable
          caption={`Patterns of ${profile.name}`}
          header="Pattern"
          rows={patternRows(profile)}
          isMono
          note="A = letter, 9 = digit; other characters as they are."
        />
        {profile.types.length > 1 && (
          <p className="text-sm text-amber-800">
            <span className="font-medium">Type drift:</span> {describeTypes(profile)}.
          </p>
        )}
        {(profile.outOfRange.below > 0 || profile.outOfRange.above > 0) && (
          <p className="text-sm text-slate-700">
            <span className="font-medium">Out of range:</span> {formatCount(profile.outOfRange.below)} below,{" "}
            {formatCount(profile.outOfRange.above)} above the column&apos;s bounds.
          </p>
        )}
      </div>
    </div>
  );
}

function ShareTable({
  caption,
  header,
  rows,
  isMono = false,
  note,
}: {
  caption: string;
  header: string;
  rows: TShareRow[];
  isMono?: boolean;
  note?: string;
}) {
  if (!rows.length) return null;
  return (
    <table className="w-full text-left text-sm">
      <caption className="mb-1 text-left text-sm font-semibold text-slate-900">
        {caption}
        {note && <span className="ml-2 text-xs font-normal text-slate-500">{note}</span>}
      </caption>
      <thead className="text-xs text-slate-500 uppercase">
        <tr>
          <th className="py-1 pr-3">{header}</th>
          <th className="py-1 pr-3 text-right">Values</th>
          <th className="w-1/2 py-1">Share</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.label}>
            <td className={`py-1 pr-3 ${isMono ? "font-mono text-xs" : ""}`}>{r.label}</td>
            <td className="py-1 pr-3 text-right tabular-nums">{formatCount(r.count)}</td>
            <td className="py-1">
              <div className="flex items-center gap-2">
                <div className="h-2 flex-1 rounded bg-slate-100" aria-hidden="true">
                  <div className="h-2 rounded bg-indigo-500" style={{ width: `${Math.max(1, r.share * 100)}%` }} />
                </div>
                <span className="w-14 text-right text-xs tabular-nums text-slate-600">{formatRate(r.share)}</span>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
