"use client";

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { ChartDataTable, ChartFrame } from "./chart-frame";
import {
  axisProps,
  chartStyle,
  DEFAULT_HEIGHT,
  formatDateTick,
  gridProps,
  legendProps,
  tooltipContentStyle,
} from "./chart-style";
import { asChartData, field, formatCompact, formatNumber, isNumber } from "./format";
import { seriesColor } from "./palette";
import type { ChartSeries } from "./types";

type Props<T extends object> = {
  title: string;
  description?: string;
  data: T[];
  xKey: keyof T & string;
  /** Names the x values in the text equivalent, e.g. "Day"; defaults to xKey. */
  xLabel?: string;
  series: ChartSeries<T>[];
  /** "time": x values are epoch milliseconds on a continuous time axis. */
  xType?: "category" | "time";
  formatX?: (value: unknown) => string;
  formatY?: (value: number) => string;
  height?: number;
  emptyMessage?: string;
  className?: string;
};

/** A time series card with one line per series. */
export function LineChartCard<T extends object>({
  title,
  description,
  data,
  xKey,
  xLabel = xKey,
  series,
  xType = "category",
  formatX = xType === "time" ? formatDateTick : formatNumber,
  formatY = formatCompact,
  height = DEFAULT_HEIGHT,
  emptyMessage,
  className,
}: Props<T>) {
  const isEmpty = data.length === 0 || !data.some((row) => series.some((s) => isNumber(field(row, s.key))));
  return (
    <ChartFrame
      title={title}
      description={description}
      isEmpty={isEmpty}
      emptyMessage={emptyMessage}
      height={height}
      className={className}
      summary={
        <ChartDataTable
          caption={title}
          headers={[xLabel, ...series.map((s) => s.label)]}
          rows={data.map((row) => [formatX(field(row, xKey)), ...series.map((s) => formatNumber(field(row, s.key)))])}
        />
      }
    >
      <LineChart
        responsive
        style={chartStyle}
        data={asChartData(data)}
        margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid {...gridProps} vertical={false} />
        <XAxis
          {...axisProps}
          dataKey={xKey as string}
          type={xType === "time" ? "number" : "category"}
          scale={xType === "time" ? "time" : "auto"}
          domain={xType === "time" ? ["dataMin", "dataMax"] : undefined}
          tickFormatter={(value: unknown) => formatX(value)}
          minTickGap={16}
        />
        <YAxis {...axisProps} width={48} tickFormatter={(value: number) => formatY(value)} />
        <Tooltip
          contentStyle={tooltipContentStyle}
          labelFormatter={(label) => formatX(label)}
          formatter={(value) => formatNumber(value)}
        />
        {series.length > 1 ? <Legend {...legendProps} /> : null}
        {series.map((s, index) => (
          <Line
            key={s.key}
            type="monotone"
            dataKey={s.key as string}
            name={s.label}
            stroke={s.color ?? seriesColor(index)}
            strokeWidth={2}
            dot={data.length <= 31 ? { r: 2.5 } : false}
            activeDot={{ r: 4 }}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartFrame>
  );
}
