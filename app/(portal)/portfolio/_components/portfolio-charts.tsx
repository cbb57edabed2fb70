"use client";

import { BarChartCard, Heatmap, LineChartCard } from "@/components/charts";

const money = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  notation: "compact",
  maximumFractionDigits: 1,
});
const formatMoney = (v: number) => money.format(v);
const formatPct = (v: number) => `${v.toLocaleString("en-US", { maximumFractionDigits: 1 })} %`;

export type TSavingsBar = { name: string; estimated: number; realized: number };
export type TCfrPoint = { month: string; rate: number | null; failed: number; implemented: number };
export type TWaveBar = { wave: string; draft: number; proposed: number; approved: number };

export function SavingsChart({ data }: { data: TSavingsBar[] }) {
  return (
    <BarChartCard
      title="Estimated vs realized annual savings"
      description="Estimate: the workshop ROI model's labour savings per year. Realized: the run-rate from production traffic."
      data={data}
      categoryKey="name"
      categoryLabel="Initiative"
      layout="vertical"
      series={[
        { key: "estimated", label: "Estimated / yr" },
        { key: "realized", label: "Realized run-rate / yr" },
      ]}
      formatValue={formatMoney}
      height={Math.max(240, data.length * 56)}
      emptyMessage="No initiatives match these filters."
    />
  );
}

export function ChangeFailureChart({ data }: { data: TCfrPoint[] }) {
  return (
    <LineChartCard
      title="Change failure rate by month"
      description="Share of the changes the CAB implemented that were rolled back (DORA)."
      data={data}
      xKey="month"
      xLabel="Month"
      series={[{ key: "rate", label: "Change failure rate (%)" }]}
      formatX={(v) => String(v)}
      formatY={formatPct}
      emptyMessage="No changes implemented in these months."
    />
  );
}

export function WavesChart({ data }: { data: TWaveBar[] }) {
  return (
    <BarChartCard
      title="Initiatives by wave and status"
      description="Waves from the roadmap (the latest locked workshop, dependencies and department capacity)."
      data={data}
      categoryKey="wave"
      categoryLabel="Wave"
      stacked
      series={[
        { key: "draft", label: "Draft" },
        { key: "proposed", label: "Proposed" },
        { key: "approved", label: "Approved" },
      ]}
      formatValue={(v) => String(v)}
      emptyMessage="No initiatives match these filters."
    />
  );
}

export function RiskHeatmap({
  rows,
  columns,
  values,
}: {
  rows: string[];
  columns: string[];
  values: (number | null)[][];
}) {
  return (
    <Heatmap
      title="Risk heatmap: business criticality × production health"
      description="Estimated annual savings at stake in each cell. Rows: the most critical system the initiative's interfaces connect. Columns: the health score of its production flows from the engine's signals."
      rows={rows}
      columns={columns}
      values={values}
      rowHeader="Criticality"
      formatValue={formatMoney}
      emptyMessage="No initiatives match these filters."
    />
  );
}
