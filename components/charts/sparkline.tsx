"use client";

import { Line, LineChart, YAxis } from "recharts";
import { formatNumber } from "./format";
import { CHART_COLORS } from "./palette";
import { describeSparkline } from "./sparkline-text";

type Props = {
  /** Accessible name, e.g. "Messages per hour, last 24 hours". */
  title: string;
  data: (number | null)[];
  color?: string;
  width?: number;
  height?: number;
  formatValue?: (value: number) => string;
  className?: string;
};

/**
 * A tiny trend line without axes, for table cells and stat tiles. It renders an inline-block `div`
 * (Recharts draws into a div), so place it in a cell or a div rather than inside a `<p>`.
 */
export function Sparkline({
  title,
  data,
  color = CHART_COLORS.axis,
  width = 120,
  height = 32,
  formatValue = formatNumber,
  className,
}: Props) {
  const label = describeSparkline(title, data, formatValue);
  const hasData = data.some((v) => typeof v === "number" && Number.isFinite(v));
  return (
    <div
      role="img"
      aria-label={label}
      title={label}
      className={className}
      style={{ display: "inline-block", width, height, verticalAlign: "middle" }}
    >
      {hasData ? (
        <LineChart
          width={width}
          height={height}
          data={data.map((value, index) => ({ index, value }))}
          margin={{ top: 2, right: 2, bottom: 2, left: 2 }}
          accessibilityLayer={false}
        >
          <YAxis hide domain={["dataMin", "dataMax"]} />
          <Line
            type="monotone"
            dataKey="value"
            stroke={color}
            strokeWidth={1.5}
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      ) : (
        <span aria-hidden="true" className="flex h-full items-center text-xs text-slate-400">
          –
        </span>
      )}
    </div>
  );
}
