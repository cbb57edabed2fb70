"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { ChartDataTable, ChartFrame } from "./chart-frame";
import { axisProps, chartStyle, DEFAULT_HEIGHT, gridProps, legendProps, tooltipContentStyle } from "./chart-style";
import { asChartData, field, formatCompact, formatNumber, isNumber } from "./format";
import { seriesColor } from "./palette";
import type { ChartSeries } from "./types";

type Props<T extends object> = {
  title: string;
  description?: string;
  data: T[];
  /** The category field (one bar group per row). */
  categoryKey: keyof T & string;
  /** Names the categories in the text equivalent, e.g. "Department"; defaults to categoryKey. */
  categoryLabel?: string;
  series: ChartSeries<T>[];
  /** "vertical" lays bars out horizontally, which suits long category names. */
  layout?: "horizontal" | "vertical";
  stacked?: boolean;
  formatValue?: (value: number) => string;
  height?: number;
  emptyMessage?: string;
  className?: string;
};

export function BarChartCard<T extends object>({
  title,
  description,
  data,
  categoryKey,
  categoryLabel = categoryKey,
  series,
  layout = "horizontal",
  stacked = false,
  formatValue = formatCompact,
  height = DEFAULT_HEIGHT,
  emptyMessage,
  className,
}: Props<T>) {
  const isEmpty = data.length === 0 || !data.some((row) => series.some((s) => isNumber(field(row, s.key))));
  const isVertical = layout === "vertical";
  const categoryAxis = {
    ...axisProps,
    dataKey: categoryKey as string,
    type: "category" as const,
    interval: 0 as const,
  };
  const valueAxis = { ...axisProps, type: "number" as const, tickFormatter: (value: number) => formatValue(value) };
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
          headers={[categoryLabel, ...series.map((s) => s.label)]}
          rows={data.map((row) => [
            String(field(row, categoryKey) ?? ""),
            ...series.map((s) => formatNumber(field(row, s.key))),
          ])}
        />
      }
    >
      <BarChart
        responsive
        style={chartStyle}
        data={asChartData(data)}
        layout={layout}
        margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid {...gridProps} horizontal={!isVertical} vertical={isVertical} />
        {isVertical ? (
          <>
            <XAxis {...valueAxis} />
            <YAxis {...categoryAxis} width={120} />
          </>
        ) : (
          <>
            <XAxis {...categoryAxis} />
            <YAxis {...valueAxis} width={48} />
          </>
        )}
        <Tooltip
          contentStyle={tooltipContentStyle}
          cursor={{ fill: "rgb(99 102 241 / 0.06)" }}
          formatter={(value) => formatNumber(value)}
        />
        {series.length > 1 ? <Legend {...legendProps} /> : null}
        {series.map((s, index) => (
          <Bar
            key={s.key}
            dataKey={s.key as string}
            name={s.label}
            fill={s.color ?? seriesColor(index)}
            stackId={stacked ? "stack" : undefined}
            radius={stacked ? 0 : isVertical ? [0, 4, 4, 0] : [4, 4, 0, 0]}
            maxBarSize={48}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
