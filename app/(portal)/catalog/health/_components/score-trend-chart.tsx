"use client";

import { LineChartCard } from "@/components/charts";

type Point = { assessmentId: string; completedAt: string; score: number };

/** The flow's completed scores over time (0–100). */
export function ScoreTrendChart({ points }: { points: Point[] }) {
  const data = points.map((p) => ({ at: new Date(p.completedAt).getTime(), score: p.score }));
  return (
    <LineChartCard
      title="Score trend"
      description="The flow's score at each completed assessment."
      data={data}
      xKey="at"
      xLabel="Completed"
      xType="time"
      series={[{ key: "score", label: "Score" }]}
      formatY={(v) => String(Math.round(v))}
      height={200}
      emptyMessage="No completed assessment yet."
    />
  );
}
