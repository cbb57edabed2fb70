"use client";

import { Pie, PieChart, Tooltip } from "recharts";
import { ChartFrame } from "./chart-frame";
import { chartStyle, tooltipContentStyle } from "./chart-style";
import { formatNumber } from "./format";
import { seriesColor } from "./palette";

export type DonutSlice = { label: string; value: number; color?: string };

type Props = {
  title: string;
  description?: string;
  data: DonutSlice[];
  /** Text under the total in the middle, e.g. "systems". */
  centerLabel?: string;
  formatValue?: (value: number) => string;
  height?: number;
  emptyMessage?: string;
  className?: string;
};

const percentFormat = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });

/** Share of a whole. The legend lists every slice with value and percentage, so it doubles as the text equivalent. */
export function DonutChart({
  title,
  description,
  data,
  centerLabel,
  formatValue = formatNumber,
  height = 220,
  emptyMessage,
  className,
}: Props) {
  const slices = data
    .filter((d) => Number.isFinite(d.value) && d.value > 0)
    .map((d, index) => ({ ...d, fill: d.color ?? seriesColor(index) }));
  const total = slices.reduce((sum, d) => sum + d.value, 0);
  return (
    <ChartFrame
      title={title}
      description={description}
      isEmpty={total === 0}
      emptyMessage={emptyMessage}
      height={height}
      className={className}
      footer={
        <ul className="grid gap-1 text-sm text-slate-700 sm:grid-cols-2">
          {slices.map((slice) => (
            <li key={slice.label} className="flex min-w-0 items-center gap-2">
              <span
                aria-hidden="true"
                className="size-2.5 shrink-0 rounded-full"
                style={{ backgroundColor: slice.fill }}
              />
              <span className="truncate">{slice.label}</span>
              <span className="ml-auto tabular-nums text-slate-900">{formatValue(slice.value)}</span>
              <span className="w-12 text-right tabular-nums text-slate-500">
                {percentFormat.format(slice.value / total)}
              </span>
            </li>
          ))}
        </ul>
      }
    >
      <PieChart responsive style={chartStyle} accessibilityLayer={false}>
        <Pie
          data={slices}
          dataKey="value"
          nameKey="label"
          innerRadius="62%"
          outerRadius="92%"
          paddingAngle={slices.length > 1 ? 1.5 : 0}
          stroke="#ffffff"
          isAnimationActive={false}
        />
        <Tooltip
          contentStyle={tooltipContentStyle}
          formatter={(value) => (typeof value === "number" ? formatValue(value) : String(value))}
        />
      </PieChart>
      <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center">
        <span className="text-2xl font-semibold text-slate-900 tabular-nums">{formatValue(total)}</span>
        {centerLabel ? <span className="text-xs text-slate-500">{centerLabel}</span> : null}
      </div>
    </ChartFrame>
  );
}
