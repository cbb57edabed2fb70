import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { NO_WAVE, ZPortfolioFilters, type TPortfolioFilters } from "@/lib/validation/portfolio";
import { CANDIDATE_STATUSES, type TCandidateStatus } from "@/lib/validation/prioritization";
import { getRoadmap } from "../prioritization/roadmap";
import { computePortfolioTotals, RUN_RATE_DAYS, type TPortfolioTotals } from "./compute-realized-roi";
import { computeRiskHeatmap, type TRiskHeatmap } from "./compute-risk-heatmap";
import { CFR_WINDOW_DAYS, readChangeFailure, type TChangeFailureReport } from "./read-change-failure";
import { readInitiatives, type TInitiative } from "./read-initiatives";

export type TPortfolioInitiative = TInitiative & { wave: number | null; waveLabel: string };

export type TWaveStatusCount = { wave: string } & Record<TCandidateStatus, number> & { live: number };

/** The one model of the executive report: the dashboard, the PDF and the PNG all render this. */
export type TPortfolioReport = {
  generatedAt: string;
  filters: TPortfolioFilters;
  filterLabel: string;
  totals: TPortfolioTotals;
  initiatives: TPortfolioInitiative[];
  /** Every wave the roadmap has (before filtering), for the filter. */
  waveOptions: { value: string; label: string }[];
  byWave: TWaveStatusCount[];
  changeFailure: TChangeFailureReport;
  heatmap: TRiskHeatmap;
  definitions: { term: string; text: string }[];
};

const NO_WAVE_LABEL = "No wave";

export const REPORT_DEFINITIONS: TPortfolioReport["definitions"] = [
  {
    term: "Estimated annual savings",
    text: "The candidate's ROI model, the figure its page shows as labour savings per year: volume per month × 12 × (manual minutes − minutes after) ÷ 60 × cost per hour, with volume and manual minutes taken from its processes when it uses inventory inputs.",
  },
  {
    term: "Realized savings to date",
    text: "Messages processed successfully in production (day rollups of every production environment) by the flows implementing the candidate's interfaces, since the first production deployment among them, × (manual minutes − minutes after) ÷ 60 × cost per hour. Only labour savings are counted: error-cost reduction and run cost stay in the estimate.",
  },
  {
    term: "Run-rate",
    text: `The realized savings of the last ${RUN_RATE_DAYS} full days (UTC; fewer when the initiative went live more recently, the go-live day left out) ÷ those days × 365.`,
  },
  {
    term: "Payback progress",
    text: "Realized savings to date ÷ build cost; the bar stops at 100 %, the figure does not.",
  },
  { term: "Realized vs estimate", text: "Run-rate ÷ estimated annual savings." },
  {
    term: "Risk heatmap",
    text: "Rows: the highest business criticality among the systems the initiative's interfaces connect (inventory). Columns: the health score of its production flows from the engine's signals (error rate, latency, dead letters, backlog, time since last change, change failures; the worst production environment). Each cell holds the estimated annual savings at stake; the worrying corner is mission critical × at risk.",
  },
  {
    term: "Change failure rate",
    text: `Of the changes the CAB implemented in the last ${CFR_WINDOW_DAYS} days (rollbacks themselves left out), the share later rolled back (DORA).`,
  },
];

function describeFilters(f: TPortfolioFilters): string {
  const parts = [
    f.wave ? (f.wave === NO_WAVE ? NO_WAVE_LABEL : `Wave ${f.wave}`) : null,
    f.status ?? null,
    f.q ? `matching "${f.q}"` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : "All initiatives";
}

function matches(i: TPortfolioInitiative, f: TPortfolioFilters): boolean {
  if (f.status && i.status !== f.status) return false;
  if (f.wave && (f.wave === NO_WAVE ? i.wave !== null : i.wave !== Number(f.wave))) return false;
  if (f.q && !i.name.toLowerCase().includes(f.q.toLowerCase())) return false;
  return true;
}

function countByWave(items: TPortfolioInitiative[]): TWaveStatusCount[] {
  const byLabel = new Map<string, TWaveStatusCount>();
  const ordered = [...items].sort((a, b) => (a.wave ?? Infinity) - (b.wave ?? Infinity));
  for (const i of ordered) {
    const row = byLabel.get(i.waveLabel) ?? {
      wave: i.waveLabel,
      ...(Object.fromEntries(CANDIDATE_STATUSES.map((s) => [s, 0])) as Record<TCandidateStatus, number>),
      live: 0,
    };
    row[i.status] += 1;
    if (i.isLive) row.live += 1;
    byLabel.set(i.waveLabel, row);
  }
  return [...byLabel.values()];
}

/**
 * Estimated against realized ROI per initiative and for the portfolio, the initiatives by wave and status,
 * the risk heatmap and the CAB's change failure rate. Filters (wave, status, name) narrow the initiatives
 * and everything computed from them; the change failure rate is the CAB's, for all changes.
 */
export async function getPortfolioReport(
  actor: Actor,
  rawFilters: unknown = {},
  opts: { now?: Date } = {},
): Promise<TPortfolioReport> {
  assertCan(actor, "portfolio:read");
  const filters = ZPortfolioFilters.parse(rawFilters ?? {});
  const now = opts.now ?? new Date();
  const [initiatives, roadmap, changeFailure] = await Promise.all([
    readInitiatives(now),
    getRoadmap(actor),
    readChangeFailure(now),
  ]);
  const waveOf = new Map(roadmap.plan.waves.flatMap((w) => w.candidateIds.map((id) => [id, w.number] as const)));
  const all = initiatives.map((i) => {
    const wave = waveOf.get(i.id) ?? null;
    return { ...i, wave, waveLabel: wave === null ? NO_WAVE_LABEL : `Wave ${wave}` };
  });
  const shown = all.filter((i) => matches(i, filters));
  return {
    generatedAt: now.toISOString(),
    filters,
    filterLabel: describeFilters(filters),
    totals: computePortfolioTotals(
      shown.map((i) => ({
        isLive: i.isLive,
        buildCost: i.buildCost,
        estimatedAnnualSavings: i.estimate.annualSavings.value ?? 0,
        realized: i.realized,
      })),
    ),
    initiatives: shown,
    waveOptions: [
      ...roadmap.plan.waves.map((w) => ({ value: String(w.number), label: `Wave ${w.number}` })),
      { value: NO_WAVE, label: NO_WAVE_LABEL },
    ],
    byWave: countByWave(shown),
    changeFailure,
    heatmap: computeRiskHeatmap(
      shown.map((i) => ({
        name: i.name,
        criticality: i.criticality,
        health: i.health,
        valueAtStake: i.estimate.annualSavings.value ?? 0,
      })),
    ),
    definitions: REPORT_DEFINITIONS,
  };
}

/** The initiatives a chart has room for: those in production first, then the largest estimates. */
export function chartInitiatives(report: TPortfolioReport, limit: number): TPortfolioInitiative[] {
  return [...report.initiatives]
    .sort(
      (a, b) =>
        Number(b.isLive) - Number(a.isLive) ||
        (b.estimate.annualSavings.value ?? 0) - (a.estimate.annualSavings.value ?? 0),
    )
    .slice(0, limit);
}
