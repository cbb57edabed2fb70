import type { CSSProperties } from "react";
import { CHART_COLORS } from "./palette";

export const DEFAULT_HEIGHT = 260;

export const axisProps = {
  stroke: CHART_COLORS.grid,
  tick: { fill: CHART_COLORS.axis, fontSize: 12 },
  tickLine: false,
} as const;

export const gridProps = { stroke: CHART_COLORS.grid, strokeDasharray: "3 3" } as const;

export const tooltipContentStyle: CSSProperties = {
  borderRadius: 8,
  border: `1px solid ${CHART_COLORS.grid}`,
  boxShadow: "0 1px 3px rgb(15 23 42 / 0.1)",
  fontSize: 12,
  color: CHART_COLORS.text,
};

// itemSorter null keeps the legend in series order (the default sorts alphabetically).
export const legendProps = {
  iconType: "circle" as const,
  iconSize: 8,
  itemSorter: null,
  wrapperStyle: { fontSize: 12, color: CHART_COLORS.text },
};

/** Recharts sizes to its parent with `responsive`; the parent div in ChartFrame fixes the height. */
export const chartStyle: CSSProperties = { width: "100%", height: "100%" };

const dateFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** Epoch milliseconds to "Jan 5"; UTC so server and client render the same label. */
export function formatDateTick(value: unknown): string {
  return typeof value === "number" ? dateFormat.format(new Date(value)) : String(value ?? "");
}
