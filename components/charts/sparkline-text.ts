import { formatNumber } from "./format";
import { extent } from "./scale";

/** Describes the series in words, since a 32-pixel line carries no readable numbers. */
export function describeSparkline(
  title: string,
  data: readonly (number | null)[],
  formatValue: (value: number) => string = formatNumber,
): string {
  const points = data.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  const range = extent(points);
  if (!range) return `${title}: no data`;
  const first = points[0];
  const last = points[points.length - 1];
  const trend = last > first ? "up" : last < first ? "down" : "flat";
  return `${title}: ${points.length} points, low ${formatValue(range.min)}, high ${formatValue(range.max)}, latest ${formatValue(last)}, trend ${trend}`;
}
