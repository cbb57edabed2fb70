"use client";

import { LineChartCard } from "@/components/charts/line-chart-card";

export function ActivityChart({ data }: { data: { day: string; changes: number; signIns: number }[] }) {
  return (
    <LineChartCard
      title="Activity, last 14 days"
      description="Changes and sign-ins recorded in the audit log, per day (UTC)."
      data={data}
      xKey="day"
      formatX={(d) => String(d).slice(5)}
      series={[
        { key: "changes", label: "Changes" },
        { key: "signIns", label: "Sign-ins" },
      ]}
    />
  );
}
