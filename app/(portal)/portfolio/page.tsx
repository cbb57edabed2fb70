import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { chartInitiatives, formatMoney, getPortfolioReport } from "@/lib/services/portfolio";
import { parseListQuery } from "@/lib/validation/list";
import { ExportButtons } from "./_components/export-buttons";
import { initiativeRows } from "./_components/initiative-rows";
import { InitiativesTable } from "./_components/initiatives-table";
import { KpiTiles } from "./_components/kpi-tiles";
import { ChangeFailureChart, RiskHeatmap, SavingsChart, WavesChart } from "./_components/portfolio-charts";

export const metadata: Metadata = { title: "Portfolio ROI" };

/** The executives' view: ROI as estimated in the workshop against ROI realized from engine traffic. */
export default async function PortfolioPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("portfolio:read");
  const query = parseListQuery(await searchParams);
  const report = await getPortfolioReport(actor, {
    wave: query.filters.wave,
    status: query.filters.status,
    q: query.q || undefined,
  });
  const exportParams = new URLSearchParams();
  for (const [k, v] of Object.entries(query.filters)) exportParams.set(`f.${k}`, v);
  if (query.q) exportParams.set("q", query.q);
  const bars = chartInitiatives(report, 10).map((i) => ({
    name: i.name,
    estimated: i.estimate.annualSavings.value ?? 0,
    realized: i.realized.runRate.value ?? 0,
  }));
  return (
    <>
      <PageHeader
        title="Portfolio ROI"
        description={`${report.filterLabel}. Estimated ROI from the workshop's model against ROI realized from the messages the engine processed in production. Hover or focus a figure for its formula.`}
        actions={<ExportButtons params={exportParams} />}
      />
      <div className="space-y-6">
        <KpiTiles report={report} />
        <InitiativesTable result={initiativeRows(report, query)} query={query} waveOptions={report.waveOptions} />
        <div className="grid gap-6 lg:grid-cols-2">
          <SavingsChart data={bars} />
          <WavesChart data={report.byWave} />
          <ChangeFailureChart
            data={report.changeFailure.months.map((m) => ({
              month: m.label,
              rate: m.ratePct,
              failed: m.failed,
              implemented: m.implemented,
            }))}
          />
          <div>
            <RiskHeatmap rows={report.heatmap.rows} columns={report.heatmap.columns} values={report.heatmap.values} />
            {report.heatmap.cells.length > 0 && (
              <ul className="mt-3 space-y-1 text-xs text-slate-600" aria-label="Initiatives per heatmap cell">
                {report.heatmap.cells.map((c) => (
                  <li key={`${c.row}-${c.column}`}>
                    <span className="font-medium text-slate-800">
                      {c.row} · {c.column}
                    </span>{" "}
                    ({formatMoney(c.value)}): {c.names.join(", ")}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
        <Card title="How these figures are defined">
          <dl className="grid gap-3 text-sm md:grid-cols-2">
            {report.definitions.map((d) => (
              <div key={d.term}>
                <dt className="font-medium text-slate-900">{d.term}</dt>
                <dd className="mt-0.5 text-slate-600">{d.text}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>
    </>
  );
}
