"use client";

import { LineChartCard } from "@/components/charts";
import type { SlaDay } from "@/lib/services/quality/slas";

/** Daily compliance (share of samples meeting every objective) and mean accuracy over 30 days. */
export function ComplianceChart({ days, title }: { days: SlaDay[]; title: string }) {
  return (
    <LineChartCard
      title={title}
      description="Per UTC day over the last 30 days: % of 5-minute samples that met every objective, and the mean accuracy."
      data={days}
      xKey="day"
      xLabel="Day"
      series={[
        { key: "compliancePct", label: "Compliance %" },
        { key: "accuracyPct", label: "Accuracy %" },
      ]}
      formatX={(v) => String(v).slice(5)}
      formatY={(v) => `${v}%`}
      emptyMessage="No samples yet: the engine writes the first one within 5 minutes of an SLA being defined."
    />
  );
}
