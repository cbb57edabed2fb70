import "server-only";
import {
  formatCount,
  formatDay,
  formatFigureValue,
  formatMoney,
  type TPortfolioInitiative,
  type TPortfolioReport,
} from "@/lib/services/portfolio";
import type { RoiFigure } from "@/lib/services/prioritization/roi";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import type { TCandidateStatus } from "@/lib/validation/prioritization";
import type { TFormula } from "./formula-tooltip";

type TShownFigure = { text: string; formula: TFormula };

/** One table row, formatted on the server so the table, the PDF and the PNG print the same text. */
export type TInitiativeRow = {
  id: string;
  name: string;
  status: TCandidateStatus;
  wave: string;
  liveSince: string | null;
  flows: string[];
  estimate: TShownFigure;
  realizedToDate: TShownFigure | null;
  runRate: TShownFigure | null;
  payback: (TShownFigure & { percent: number | null }) | null;
};

const shown = (f: RoiFigure, extra: string[] = []): TShownFigure => ({
  text: formatFigureValue(f),
  formula: { label: f.label, formula: f.formula, steps: [...f.steps, ...extra] },
});

function toRow(i: TPortfolioInitiative): TInitiativeRow {
  const live = i.isLive;
  const messages = `${formatCount(i.messagesToDate)} messages since ${formatDay(i.liveSince)} in ${i.liveFlows.map((f) => f.name).join(", ")}`;
  return {
    id: i.id,
    name: i.name,
    status: i.status,
    wave: i.waveLabel,
    liveSince: i.liveSince,
    flows: i.liveFlows.map((f) => f.name),
    estimate: shown(i.estimate.annualSavings, [
      `On the candidate page: net benefit ${formatMoney(i.estimate.netBenefit.value)} per year, payback ${formatFigureValue(i.estimate.paybackMonths)}, ${i.estimate.npv.label} ${formatMoney(i.estimate.npv.value)}`,
    ]),
    realizedToDate: live ? shown(i.realized.realizedToDate, [messages]) : null,
    runRate: live ? shown(i.realized.runRate) : null,
    payback: live ? { ...shown(i.realized.paybackProgress), percent: i.realized.paybackProgress.value } : null,
  };
}

const SORTABLE = ["name", "status", "wave", "estimate", "realizedToDate", "runRate", "payback"] as const;
type TSortKey = (typeof SORTABLE)[number];

const sortValue: Record<TSortKey, (i: TPortfolioInitiative) => string | number> = {
  name: (i) => i.name.toLowerCase(),
  status: (i) => i.status,
  wave: (i) => i.wave ?? Number.MAX_SAFE_INTEGER,
  estimate: (i) => i.estimate.annualSavings.value ?? 0,
  realizedToDate: (i) => (i.isLive ? (i.realized.realizedToDate.value ?? 0) : -1),
  runRate: (i) => (i.isLive ? (i.realized.runRate.value ?? 0) : -1),
  payback: (i) => (i.isLive ? (i.realized.paybackProgress.value ?? 0) : -1),
};

/** The report's initiatives (already filtered) sorted and paged as the list query asks. */
export function initiativeRows(report: TPortfolioReport, query: TListQuery): ListResult<TInitiativeRow> {
  const sort = pickSort(query, SORTABLE, "name");
  const key = sortValue[sort.field];
  const sign = sort.dir === "desc" ? -1 : 1;
  const sorted = [...report.initiatives].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return (x < y ? -1 : x > y ? 1 : 0) * sign || a.name.localeCompare(b.name);
  });
  const start = (query.page - 1) * query.pageSize;
  return {
    rows: sorted.slice(start, start + query.pageSize).map(toRow),
    total: sorted.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}
