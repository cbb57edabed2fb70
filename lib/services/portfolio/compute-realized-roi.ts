import "server-only";
// Pure realized-ROI model. Like the estimate (prioritization/roi.ts), every figure carries its formula and
// the numbers substituted into it, so the dashboard's tooltip and the exports show how it was computed.
import type { RoiFigure } from "../prioritization/roi";
import { formatCount, formatMoney, formatNumber } from "./format";

const DAY_MS = 86_400_000;
/** The run-rate and the observed process figures look at this many full days. */
export const RUN_RATE_DAYS = 30;
const DAYS_PER_YEAR = 365;

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export const startOfUtcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

export type TDayWindow = { from: Date; to: Date; days: number };

/**
 * The last `length` full UTC days before `now` ([from, to), to = today's midnight), shortened to the full
 * days after go-live when that is more recent: the go-live day itself is partial, so it is left out.
 */
export function fullDayWindow(goLive: Date, now: Date, length = RUN_RATE_DAYS): TDayWindow {
  const to = startOfUtcDay(now);
  const earliest = new Date(to.getTime() - length * DAY_MS);
  const afterGoLive = new Date(startOfUtcDay(goLive).getTime() + DAY_MS);
  const from = afterGoLive > earliest ? afterGoLive : earliest;
  const days = Math.max(0, Math.round((to.getTime() - from.getTime()) / DAY_MS));
  return { from: days > 0 ? from : to, to, days };
}

export type TRealizedInputs = {
  /** Messages the production flows processed successfully since the first production deployment. */
  messagesToDate: number;
  /** The same count over the run-rate window, and that window's length in days (0: not a full day yet). */
  windowMessages: number;
  windowDays: number;
  /** The effective ROI inputs, as the candidate's ROI model uses them (inventory-derived when enabled). */
  manualMinutesPerTxn: number;
  minutesPerTxnAfter: number;
  loadedCostPerHour: number;
  buildCost: number;
  /** The estimate's annual labour savings (the candidate page's "Labour savings per year"). */
  estimatedAnnualSavings: number;
};

export type TRealizedRoi = {
  minutesSavedPerMessage: number;
  realizedToDate: RoiFigure;
  runRate: RoiFigure;
  /** Realized to date ÷ build cost, in percent and not capped (a paid-back initiative exceeds 100). */
  paybackProgress: RoiFigure;
  /** Run-rate ÷ estimated annual labour savings, in percent: how much of the estimate is being realized. */
  realization: RoiFigure;
};

export function computeRealizedRoi(i: TRealizedInputs): TRealizedRoi {
  const minutesSaved = Math.max(0, i.manualMinutesPerTxn - i.minutesPerTxnAfter);
  const perMessage = (minutesSaved / 60) * i.loadedCostPerHour;
  const toDate = i.messagesToDate * perMessage;
  const runRate = i.windowDays > 0 ? (i.windowMessages / i.windowDays) * DAYS_PER_YEAR * perMessage : null;
  const payback = i.buildCost > 0 ? (toDate / i.buildCost) * 100 : null;
  const realization =
    runRate !== null && i.estimatedAnnualSavings > 0 ? (runRate / i.estimatedAnnualSavings) * 100 : null;
  const minutesStep = `${formatNumber(i.manualMinutesPerTxn)} − ${formatNumber(i.minutesPerTxnAfter)} = ${formatNumber(minutesSaved)} manual minutes saved per message`;

  return {
    minutesSavedPerMessage: round(minutesSaved),
    realizedToDate: {
      key: "realizedToDate",
      label: "Realized savings to date",
      value: round(toDate),
      unit: "currency",
      formula: "messages processed in production × (manual minutes − minutes after) ÷ 60 × cost per hour",
      steps: [
        minutesStep,
        `${formatCount(i.messagesToDate)} × ${formatNumber(minutesSaved)} ÷ 60 × ${formatNumber(i.loadedCostPerHour)} = ${formatMoney(round(toDate))}`,
      ],
    },
    runRate: {
      key: "runRate",
      label: "Run-rate (annualized)",
      value: runRate === null ? null : round(runRate),
      unit: "currency",
      formula: `messages in the last ${RUN_RATE_DAYS} full days ÷ days × ${DAYS_PER_YEAR} × (manual minutes − minutes after) ÷ 60 × cost per hour`,
      steps:
        runRate === null
          ? ["Not a full day in production yet: no run-rate."]
          : [
              minutesStep,
              `${formatCount(i.windowMessages)} ÷ ${i.windowDays} × ${DAYS_PER_YEAR} × ${formatNumber(minutesSaved)} ÷ 60 × ${formatNumber(i.loadedCostPerHour)} = ${formatMoney(round(runRate))} per year`,
            ],
    },
    paybackProgress: {
      key: "paybackProgress",
      label: "Payback progress",
      value: payback === null ? null : round(payback, 1),
      unit: "percent",
      formula: "realized savings to date ÷ build cost",
      steps:
        payback === null
          ? ["No build cost recorded: nothing to pay back."]
          : [`${formatMoney(round(toDate))} ÷ ${formatMoney(i.buildCost)} = ${formatNumber(round(payback, 1))} %`],
    },
    realization: {
      key: "realization",
      label: "Realized vs estimate",
      value: realization === null ? null : round(realization, 1),
      unit: "percent",
      formula: "run-rate ÷ estimated annual labour savings",
      steps:
        realization === null
          ? [runRate === null ? "No run-rate yet." : "The estimate saves no labour: nothing to compare with."]
          : [
              `${formatMoney(round(runRate!))} ÷ ${formatMoney(i.estimatedAnnualSavings)} = ${formatNumber(round(realization, 1))} %`,
            ],
    },
  };
}

export type TTotalsRow = {
  isLive: boolean;
  buildCost: number;
  estimatedAnnualSavings: number;
  realized: Pick<TRealizedRoi, "realizedToDate" | "runRate">;
};

export type TPortfolioTotals = {
  initiatives: number;
  live: number;
  estimatedAnnualSavings: RoiFigure;
  realizedToDate: RoiFigure;
  runRate: RoiFigure;
  paybackProgress: RoiFigure;
  realization: RoiFigure;
};

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Portfolio figures. Realized money only comes from initiatives in production, so payback and the
 * realization ratio compare it with the build cost and the estimate of those same initiatives.
 */
export function computePortfolioTotals(rows: TTotalsRow[]): TPortfolioTotals {
  const live = rows.filter((r) => r.isLive);
  const estimate = round(sum(rows.map((r) => r.estimatedAnnualSavings)));
  const liveEstimate = round(sum(live.map((r) => r.estimatedAnnualSavings)));
  const toDate = round(sum(rows.map((r) => r.realized.realizedToDate.value ?? 0)));
  const rated = live.filter((r) => r.realized.runRate.value !== null);
  const runRate = rated.length ? round(sum(rated.map((r) => r.realized.runRate.value!))) : null;
  const build = round(sum(live.map((r) => r.buildCost)));
  const payback = build > 0 ? round((toDate / build) * 100, 1) : null;
  const realization = runRate !== null && liveEstimate > 0 ? round((runRate / liveEstimate) * 100, 1) : null;
  return {
    initiatives: rows.length,
    live: live.length,
    estimatedAnnualSavings: {
      key: "estimatedAnnualSavings",
      label: "Estimated annual savings",
      value: estimate,
      unit: "currency",
      formula: "Σ labour savings per year of every initiative (the workshop's ROI model)",
      steps: [`${rows.length} initiative(s): ${formatMoney(estimate)} per year`],
    },
    realizedToDate: {
      key: "realizedToDate",
      label: "Realized savings to date",
      value: toDate,
      unit: "currency",
      formula: "Σ realized savings to date of the initiatives in production",
      steps: [`${live.length} initiative(s) in production: ${formatMoney(toDate)}`],
    },
    runRate: {
      key: "runRate",
      label: "Run-rate (annualized)",
      value: runRate,
      unit: "currency",
      formula: "Σ run-rate of the initiatives in production",
      steps:
        runRate === null
          ? ["No initiative has a full day in production yet."]
          : [`${rated.length} initiative(s): ${formatMoney(runRate)} per year`],
    },
    paybackProgress: {
      key: "paybackProgress",
      label: "Payback progress",
      value: payback,
      unit: "percent",
      formula: "Σ realized savings to date ÷ Σ build cost of the initiatives in production",
      steps:
        payback === null
          ? ["No initiative with a build cost is in production yet."]
          : [`${formatMoney(toDate)} ÷ ${formatMoney(build)} = ${formatNumber(payback)} %`],
    },
    realization: {
      key: "realization",
      label: "Realized vs estimate",
      value: realization,
      unit: "percent",
      formula: "Σ run-rate ÷ Σ estimated annual labour savings of the initiatives in production",
      steps:
        realization === null
          ? ["Nothing to compare yet."]
          : [`${formatMoney(runRate)} ÷ ${formatMoney(liveEstimate)} = ${formatNumber(realization)} %`],
    },
  };
}
