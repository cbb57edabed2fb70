import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { listSlaBreaches, listSlas, slaComplianceByDay, slaFormOptions } from "@/lib/services/quality/slas";
import { requirePageAccess } from "@/lib/session";
import { parseListQuery } from "@/lib/validation/list";
import { BreachesTable } from "./_components/breaches-table";
import { ComplianceChart } from "./_components/compliance-chart";
import { SlaList } from "./_components/sla-list";

export const metadata: Metadata = { title: "SLAs" };

export default async function SlasPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("quality:read");
  const params = await searchParams;
  const query = parseListQuery(params);
  const chartSla = typeof params.sla === "string" ? params.sla : null;
  const [slas, days, breaches, options] = await Promise.all([
    listSlas(actor),
    slaComplianceByDay(actor, chartSla, 30),
    listSlaBreaches(actor, query),
    slaFormOptions(actor),
  ]);
  return (
    <>
      <PageHeader
        title="SLAs"
        description="Per interface and environment: freshness (how old the last successful delivery may be) and accuracy (the share of records passing validation and reaching the target). The engine samples every SLA each 5 minutes from its rollups; a missed objective opens a breach, raises an alert and lowers the integration's health."
      />
      <div className="space-y-6">
        <SlaList slas={slas} options={options} canManage={can(actor.role, "quality:manage")} chartSla={chartSla} />
        <ComplianceChart
          days={days}
          title={
            chartSla
              ? `Compliance of ${slas.find((s) => s.id === chartSla)?.name ?? "this SLA"}`
              : "Compliance of all SLAs"
          }
        />
        <BreachesTable result={breaches} query={query} slas={slas.map((s) => ({ value: s.id, label: s.name }))} />
      </div>
    </>
  );
}
