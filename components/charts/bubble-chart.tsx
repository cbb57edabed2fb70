"use client";

import {
  CartesianGrid,
  Legend,
  ReferenceArea,
  ReferenceLine,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
  type TooltipContentProps,
} from "recharts";
import { ChartDataTable, ChartFrame } from "./chart-frame";
import { axisProps, chartStyle, gridProps, legendProps, tooltipContentStyle } from "./chart-style";
import { formatNumber } from "./format";
import { CHART_COLORS, seriesColor } from "./palette";
import { quadrantOf, type Quadrant } from "./quadrants";
import { paddedDomain } from "./scale";

export type BubblePoint = {
  id: string;
  label: string;
  x: number;
  y: number;
  /** Drives the bubble area; omitted sizes draw the smallest bubble. */
  size?: number;
  /** Colour group, e.g. a department or wave; shown in the legend. */
  group?: string;
};

export type BubbleQuadrants = {
  /** Where the vertical divider crosses the x axis. */
  x: number;
  /** Where the horizontal divider crosses the y axis. */
  y: number;
  labels?: Partial<Record<Quadrant, string>>;
  /** A quadrant to tint, e.g. "topLeft" for quick wins (high impact, low complexity). */
  highlight?: Quadrant;
};

type Props = {
  title: string;
  description?: string;
  points: BubblePoint[];
  xLabel: string;
  yLabel: string;
  sizeLabel?: string;
  xDomain?: [number, number];
  yDomain?: [number, number];
  quadrants?: BubbleQuadrants;
  /** Order of the colour groups; defaults to first appearance. */
  groups?: string[];
  /** Bubble area range in px². */
  sizeRange?: [number, number];
  onPointClick?: (point: BubblePoint) => void;
  height?: number;
  emptyMessage?: string;
  className?: string;
};

const LABEL_POSITION = {
  topLeft: "insideTopLeft",
  topRight: "insideTopRight",
  bottomLeft: "insideBottomLeft",
  bottomRight: "insideBottomRight",
} as const;

const UNGROUPED = "";

/** Scatter with bubble size and colour groups, optionally split into labelled quadrants (impact vs complexity). */
export function BubbleChart({
  title,
  description,
  points,
  xLabel,
  yLabel,
  sizeLabel = "Size",
  xDomain,
  yDomain,
  quadrants,
  groups,
  sizeRange = [60, 900],
  onPointClick,
  height = 380,
  emptyMessage,
  className,
}: Props) {
  const valid = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const groupOrder = groups ?? [...new Set(valid.map((p) => p.group ?? UNGROUPED))];
  const byGroup = groupOrder
    .map((group) => ({ group, points: valid.filter((p) => (p.group ?? UNGROUPED) === group) }))
    .filter((g) => g.points.length > 0);
  const [x0, x1] =
    xDomain ??
    paddedDomain(
      valid.map((p) => p.x),
      quadrants ? [quadrants.x] : [],
    );
  const [y0, y1] =
    yDomain ??
    paddedDomain(
      valid.map((p) => p.y),
      quadrants ? [quadrants.y] : [],
    );
  const hasSize = valid.some((p) => p.size !== undefined);

  const areas = quadrants
    ? ([
        ["topLeft", x0, quadrants.x, quadrants.y, y1],
        ["topRight", quadrants.x, x1, quadrants.y, y1],
        ["bottomLeft", x0, quadrants.x, y0, quadrants.y],
        ["bottomRight", quadrants.x, x1, y0, quadrants.y],
      ] as const)
    : [];

  return (
    <ChartFrame
      title={title}
      description={description}
      isEmpty={valid.length === 0}
      emptyMessage={emptyMessage}
      height={height}
      className={className}
      summary={
        <ChartDataTable
          caption={title}
          headers={[
            "Item",
            xLabel,
            yLabel,
            ...(hasSize ? [sizeLabel] : []),
            ...(byGroup.length > 1 ? ["Group"] : []),
            ...(quadrants?.labels ? ["Quadrant"] : []),
          ]}
          rows={valid.map((p) => [
            p.label,
            formatNumber(p.x),
            formatNumber(p.y),
            ...(hasSize ? [formatNumber(p.size)] : []),
            ...(byGroup.length > 1 ? [p.group ?? ""] : []),
            ...(quadrants?.labels ? [quadrants.labels[quadrantOf(p, quadrants)] ?? ""] : []),
          ])}
        />
      }
    >
      <ScatterChart
        responsive
        style={chartStyle}
        margin={{ top: 12, right: 16, bottom: 24, left: 8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid {...gridProps} />
        {areas.map(([quadrant, ax0, ax1, ay0, ay1]) => (
          <ReferenceArea
            key={quadrant}
            x1={ax0}
            x2={ax1}
            y1={ay0}
            y2={ay1}
            ifOverflow="hidden"
            fill={quadrants?.highlight === quadrant ? CHART_COLORS.positive : CHART_COLORS.quadrant}
            fillOpacity={quadrants?.highlight === quadrant ? 0.08 : 0.5}
            stroke="none"
            label={
              quadrants?.labels?.[quadrant]
                ? {
                    value: quadrants.labels[quadrant],
                    position: LABEL_POSITION[quadrant],
                    fill: CHART_COLORS.axis,
                    fontSize: 12,
                    fontWeight: 600,
                  }
                : undefined
            }
          />
        ))}
        {quadrants ? <ReferenceLine x={quadrants.x} stroke={CHART_COLORS.reference} strokeDasharray="4 4" /> : null}
        {quadrants ? <ReferenceLine y={quadrants.y} stroke={CHART_COLORS.reference} strokeDasharray="4 4" /> : null}
        <XAxis
          {...axisProps}
          type="number"
          dataKey="x"
          name={xLabel}
          domain={[x0, x1]}
          allowDataOverflow
          tickCount={6}
          tickFormatter={(v: number) => formatNumber(v)}
          label={{ value: xLabel, position: "insideBottom", offset: -12, fill: CHART_COLORS.axis, fontSize: 12 }}
        />
        <YAxis
          {...axisProps}
          type="number"
          dataKey="y"
          name={yLabel}
          domain={[y0, y1]}
          allowDataOverflow
          tickCount={6}
          width={56}
          tickFormatter={(v: number) => formatNumber(v)}
          label={{ value: yLabel, angle: -90, position: "insideLeft", fill: CHART_COLORS.axis, fontSize: 12 }}
        />
        <ZAxis
          type="number"
          dataKey="size"
          range={hasSize ? sizeRange : [sizeRange[0], sizeRange[0]]}
          name={sizeLabel}
        />
        <Tooltip
          cursor={{ strokeDasharray: "3 3", stroke: CHART_COLORS.muted }}
          content={(props) => (
            <BubbleTooltip {...props} xLabel={xLabel} yLabel={yLabel} sizeLabel={hasSize ? sizeLabel : undefined} />
          )}
        />
        {byGroup.length > 1 ? <Legend {...legendProps} verticalAlign="top" height={28} /> : null}
        {byGroup.map(({ group, points: groupPoints }, index) => (
          <Scatter
            key={group || "all"}
            name={group || title}
            data={groupPoints}
            fill={seriesColor(groups ? groupOrder.indexOf(group) : index)}
            fillOpacity={0.75}
            stroke="#ffffff"
            strokeWidth={1}
            cursor={onPointClick ? "pointer" : undefined}
            onClick={onPointClick ? (item) => onPointClick(item.payload as BubblePoint) : undefined}
            isAnimationActive={false}
          />
        ))}
      </ScatterChart>
    </ChartFrame>
  );
}

function BubbleTooltip({
  active,
  payload,
  xLabel,
  yLabel,
  sizeLabel,
}: TooltipContentProps & { xLabel: string; yLabel: string; sizeLabel?: string }) {
  const point = active ? (payload?.[0]?.payload as BubblePoint | undefined) : undefined;
  if (!point) return null;
  return (
    <div style={tooltipContentStyle} className="bg-white px-3 py-2">
      <p className="font-semibold text-slate-900">{point.label}</p>
      {point.group ? <p className="text-slate-500">{point.group}</p> : null}
      <p>
        {xLabel}: {formatNumber(point.x)}
      </p>
      <p>
        {yLabel}: {formatNumber(point.y)}
      </p>
      {sizeLabel ? (
        <p>
          {sizeLabel}: {formatNumber(point.size)}
        </p>
      ) : null}
    </div>
  );
}
