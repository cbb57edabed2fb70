"use client";

import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLORS, LineChartCard, SERIES_COLORS } from "@/components/charts";
import { ChartDataTable, ChartFrame } from "@/components/charts/chart-frame";
import {
  axisProps,
  chartStyle,
  DEFAULT_HEIGHT,
  gridProps,
  legendProps,
  tooltipContentStyle,
} from "@/components/charts/chart-style";
import { formatCompact, formatNumber } from "@/components/charts/format";
import type { TApiCallPoint } from "@/lib/services/apis/analytics";

const hourFormat = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});
const dayFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** UTC labels, so the server's and the browser's render agree. */
function bucketLabel(t: number, bucket: "hour" | "day"): string {
  return bucket === "hour" ? `${hourFormat.format(new Date(t))} UTC` : dayFormat.format(new Date(t));
}

const OUTCOMES = [
  { key: "ok", label: "Answered", color: SERIES_COLORS[1] },
  { key: "clientErrors", label: "Client errors (4xx)", color: SERIES_COLORS[2] },
  { key: "serverErrors", label: "Server errors (5xx)", color: CHART_COLORS.negative },
  { key: "rateLimited", label: "Rate limited (429)", color: SERIES_COLORS[5] },
] as const;

/** Calls per bucket as stacked areas on a time axis (a bar per hour is unreadable over 7 days). */
function CallsChart({ points, bucket }: { points: TApiCallPoint[]; bucket: "hour" | "day" }) {
  const isEmpty = !points.some((p) => p.calls > 0);
  const ticks = timeTicks(points, bucket);
  const tick = (v: unknown) => (typeof v === "number" ? tickLabel(v, bucket, points.length) : "");
  return (
    <ChartFrame
      title="Calls and errors"
      description={`Calls per ${bucket}, stacked by outcome (UTC)`}
      isEmpty={isEmpty}
      emptyMessage="No calls in this range."
      height={DEFAULT_HEIGHT}
      summary={
        <ChartDataTable
          caption="Calls and errors"
          headers={[bucket === "hour" ? "Hour" : "Day", ...OUTCOMES.map((o) => o.label)]}
          rows={points
            .filter((p) => p.calls > 0)
            .map((p) => [bucketLabel(p.t, bucket), ...OUTCOMES.map((o) => formatNumber(p[o.key]))])}
        />
      }
    >
      <AreaChart
        responsive
        style={chartStyle}
        data={points}
        margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid {...gridProps} vertical={false} />
        <XAxis
          {...axisProps}
          dataKey="t"
          type="number"
          scale="time"
          domain={["dataMin", "dataMax"]}
          ticks={ticks}
          tickFormatter={tick}
          minTickGap={16}
        />
        <YAxis {...axisProps} width={48} tickFormatter={(v: number) => formatCompact(v)} allowDecimals={false} />
        <Tooltip
          contentStyle={tooltipContentStyle}
          labelFormatter={(label) => (typeof label === "number" ? bucketLabel(label, bucket) : String(label))}
          formatter={(value) => formatNumber(value)}
        />
        <Legend {...legendProps} />
        {OUTCOMES.map((o) => (
          <Area
            key={o.key}
            type="monotone"
            dataKey={o.key}
            name={o.label}
            stackId="calls"
            // No outline: a stacked zero series would draw its colour along the top of the others.
            stroke="none"
            fill={o.color}
            fillOpacity={0.75}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    </ChartFrame>
  );
}

const hourOnly = (t: number) => `${String(new Date(t).getUTCHours()).padStart(2, "0")}:00`;

/** Over a day, every third hour; over a week of hours, each midnight; over a month, every fifth day. */
function timeTicks(points: TApiCallPoint[], bucket: "hour" | "day"): number[] {
  if (bucket === "hour" && points.length <= 24)
    return points.filter((p) => new Date(p.t).getUTCHours() % 3 === 0).map((p) => p.t);
  if (bucket === "hour") return points.filter((p) => new Date(p.t).getUTCHours() === 0).map((p) => p.t);
  return points.filter((_, i) => (points.length - 1 - i) % 5 === 0).map((p) => p.t);
}

function tickLabel(t: number, bucket: "hour" | "day", count: number): string {
  return bucket === "hour" && count <= 24 ? hourOnly(t) : dayFormat.format(new Date(t));
}

/** Short enough for the axis: "450ms", "1.8s". */
const axisMs = (v: number) => (v >= 1000 ? `${Number((v / 1000).toFixed(1))}s` : `${Math.round(v)}ms`);

/**
 * Calls per hour or day, stacked by outcome (answered, client errors, server errors, rate limited),
 * and latency percentiles over the same buckets.
 */
export function ApiCallCharts({
  points,
  bucket,
  idPrefix = "api",
}: {
  points: TApiCallPoint[];
  bucket: "hour" | "day";
  /** Distinguishes the charts' titles when two sets share a page. */
  idPrefix?: string;
}) {
  const per = bucket === "hour" ? "hour" : "day";
  const hasCalls = points.some((p) => p.calls > 0);
  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid={`${idPrefix}-charts`}>
      <CallsChart points={points} bucket={bucket} />
      <LineChartCard
        title="Latency"
        description={`p50, p95 and p99 per ${per}, milliseconds at the gateway`}
        data={hasCalls ? points : []}
        xKey="t"
        xType="time"
        xLabel={bucket === "hour" ? "Hour" : "Day"}
        formatX={(v) => (typeof v === "number" ? bucketLabel(v, bucket) : "")}
        formatY={axisMs}
        series={[
          { key: "p50Ms", label: "p50" },
          { key: "p95Ms", label: "p95" },
          { key: "p99Ms", label: "p99" },
        ]}
        emptyMessage="No latency measured in this range."
      />
    </div>
  );
}
