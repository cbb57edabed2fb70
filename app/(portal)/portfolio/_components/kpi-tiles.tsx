import type { ReactNode } from "react";
import { formatFigureValue, formatPercent, type TPortfolioReport } from "@/lib/services/portfolio";
import type { RoiFigure } from "@/lib/services/prioritization/roi";
import { FormulaTooltip } from "./formula-tooltip";
import { ProgressBar } from "./progress-bar";

function Tile({ label, testId, value, hint }: { label: string; testId: string; value: ReactNode; hint: ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold text-slate-900" data-testid={testId}>
        {value}
      </p>
      <div className="mt-1 text-xs text-slate-500">{hint}</div>
    </div>
  );
}

const figure = (f: RoiFigure) => ({ label: f.label, formula: f.formula, steps: f.steps });

/** The portfolio's headline figures; each value opens its formula on hover or focus. */
export function KpiTiles({ report }: { report: TPortfolioReport }) {
  const t = report.totals;
  const cfr = report.changeFailure.window;
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5" aria-label="Portfolio figures">
      <Tile
        label="Estimated annual savings"
        testId="kpi-estimated"
        value={
          <FormulaTooltip
            align="start"
            value={formatFigureValue(t.estimatedAnnualSavings)}
            formula={figure(t.estimatedAnnualSavings)}
          />
        }
        hint={`${t.initiatives} initiatives, workshop ROI model`}
      />
      <Tile
        label="Realized savings to date"
        testId="kpi-realized"
        value={
          <FormulaTooltip
            align="start"
            value={formatFigureValue(t.realizedToDate)}
            formula={figure(t.realizedToDate)}
          />
        }
        hint={`${t.live} initiative${t.live === 1 ? "" : "s"} in production`}
      />
      <Tile
        label="Run-rate (annualized)"
        testId="kpi-run-rate"
        value={<FormulaTooltip align="start" value={formatFigureValue(t.runRate)} formula={figure(t.runRate)} />}
        hint={
          <FormulaTooltip
            align="start"
            value={`${formatPercent(t.realization.value)} of the live estimate`}
            formula={figure(t.realization)}
            testId="kpi-realization"
          />
        }
      />
      <Tile
        label="Payback progress"
        testId="kpi-payback"
        value={
          <FormulaTooltip
            align="start"
            value={formatFigureValue(t.paybackProgress)}
            formula={figure(t.paybackProgress)}
          />
        }
        hint={<ProgressBar percent={t.paybackProgress.value} label="Portfolio payback progress" />}
      />
      <Tile
        label="Change failure rate"
        testId="kpi-cfr"
        value={formatPercent(cfr.ratePct)}
        hint={`${cfr.failed} of ${cfr.implemented} changes rolled back, last ${cfr.days} days (CAB)`}
      />
    </div>
  );
}
