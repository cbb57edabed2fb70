"use client";

import { LineChartCard } from "@/components/charts";

export type ChartPoint = {
  t: number;
  throughput: number;
  ok: number;
  failed: number;
  deadLettered: number;
  successRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  dlqDepth: number | null;
  backlogDepth: number | null;
};

const formatMinute = (v: unknown) => new Date(Number(v)).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/** Throughput, success rate, queue backlog, DLQ depth and latency percentiles per minute, from MetricMinute rollups. */
export function MetricsCharts({ points }: { points: ChartPoint[] }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <LineChartCard
        title="Throughput"
        description="Messages per minute"
        data={points}
        xKey="t"
        xType="time"
        formatX={formatMinute}
        series={[
          { key: "ok", label: "Succeeded" },
          { key: "failed", label: "Failed" },
          { key: "deadLettered", label: "Dead-lettered" },
        ]}
        emptyMessage="No traffic in this window."
      />
      <LineChartCard
        title="Success rate"
        description="% of finished messages"
        data={points}
        xKey="t"
        xType="time"
        formatX={formatMinute}
        series={[{ key: "successRate", label: "Success %" }]}
        emptyMessage="No finished messages in this window."
      />
      <LineChartCard
        title="Backlog"
        description="Messages waiting on the flow's queues (input and direct), as the engine measured them"
        data={points}
        xKey="t"
        xType="time"
        formatX={formatMinute}
        series={[{ key: "backlogDepth", label: "Waiting" }]}
        emptyMessage="No backlog readings in this window; the engine measures deployed flows every few seconds."
      />
      <LineChartCard
        title="DLQ depth"
        description="Pending dead letters"
        data={points}
        xKey="t"
        xType="time"
        formatX={formatMinute}
        series={[{ key: "dlqDepth", label: "Pending" }]}
        emptyMessage="No DLQ samples yet."
      />
      <LineChartCard
        title="Latency"
        description="End-to-end, milliseconds"
        data={points}
        xKey="t"
        xType="time"
        formatX={formatMinute}
        series={[
          { key: "p50Ms", label: "p50" },
          { key: "p95Ms", label: "p95" },
          { key: "p99Ms", label: "p99" },
        ]}
        emptyMessage="No latency samples in this window."
        className="lg:col-span-2"
      />
    </div>
  );
}
