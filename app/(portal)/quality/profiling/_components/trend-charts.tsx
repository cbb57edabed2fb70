"use client";

import { LineChartCard } from "@/components/charts";
import type { TProfileTrendPoint } from "@/lib/services/quality/profiling/types";
import { formatWhen, trendSeries } from "../_lib/present";

const at = (v: unknown) => formatWhen(typeof v === "string" ? v : null).slice(5);

/** Rows per run and each column's null rate over the last successful runs. */
export function TrendCharts({ points }: { points: TProfileTrendPoint[] }) {
  const t = trendSeries(points);
  const empty = "Trends need a finished run; each successful run adds a point.";
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <LineChartCard
        title="Rows per run"
        description="A drop past the volume threshold against the baseline is an anomaly."
        data={t.volume}
        xKey="at"
        xLabel="Run finished (UTC)"
        series={[{ key: "rows", label: "Rows" }]}
        formatX={at}
        emptyMessage={empty}
        height={220}
      />
      <LineChartCard
        title="Null rate per column"
        description={
          t.hiddenColumns
            ? `The first ${t.keys.length} columns of the latest run; ${t.hiddenColumns} more are not charted.`
            : "Share of rows where the column is null or missing."
        }
        data={t.nullRates}
        xKey="at"
        xLabel="Run finished (UTC)"
        series={t.keys.map((k) => ({ key: k.key, label: k.label }))}
        formatX={at}
        formatY={(v) => `${v}%`}
        emptyMessage={empty}
        height={220}
      />
    </div>
  );
}
