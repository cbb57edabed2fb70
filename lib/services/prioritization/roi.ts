import "server-only";

// Pure ROI model. Every figure carries the formula and the substituted numbers, so the UI can
// show exactly how it was computed (issue #3: "every figure shows how it was computed").

export type RoiInputs = {
  /** Transactions per month handled by the processes the candidate covers. */
  volumePerMonth: number;
  /** Manual handling minutes per transaction today. */
  manualMinutesPerTxn: number;
  /** Residual minutes per transaction after integration (exception review, system time); > 0. */
  minutesPerTxnAfter: number;
  /** Error or rework rate today and after, as fractions (0.04 = 4 %). */
  errorRate: number;
  errorRateAfter: number;
  /** Cost of one error or rework case (currency). */
  costPerError: number;
  /** Fully loaded cost of one hour of staff time (currency). */
  loadedCostPerHour: number;
  /** One-time build cost and yearly run cost (currency). */
  buildCost: number;
  runCostPerYear: number;
  /** Discount rate as a fraction (0.08 = 8 %) and horizon in years for the NPV. */
  discountRate: number;
  years: number;
};

export type RoiFigure = {
  key: string;
  label: string;
  /** null when the figure is not defined (e.g. payback when the net benefit is not positive). */
  value: number | null;
  unit: "hours" | "currency" | "months" | "txn/hour" | "percent";
  formula: string;
  steps: string[];
};

export type RoiResult = {
  annualHoursSaved: RoiFigure;
  laborSavings: RoiFigure;
  errorCostReduction: RoiFigure;
  annualBenefit: RoiFigure;
  annualNetBenefit: RoiFigure;
  firstYearNet: RoiFigure;
  paybackMonths: RoiFigure;
  npv: RoiFigure;
  throughputBefore: RoiFigure;
  throughputAfter: RoiFigure;
  throughputImprovement: RoiFigure;
};

const fmt = (n: number, digits = 2) =>
  Number.isFinite(n) ? Number(n.toFixed(digits)).toLocaleString("en-US", { maximumFractionDigits: digits }) : String(n);
const pct = (f: number) => `${fmt(f * 100)} %`;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Present value of a constant yearly amount received at the end of years 1..n. */
export function presentValueOfAnnuity(amount: number, rate: number, years: number): number {
  let pv = 0;
  for (let t = 1; t <= years; t++) pv += amount / (1 + rate) ** t;
  return pv;
}

export function computeRoi(i: RoiInputs): RoiResult {
  const txnPerYear = i.volumePerMonth * 12;
  const minutesSaved = Math.max(0, i.manualMinutesPerTxn - i.minutesPerTxnAfter);
  const hours = (txnPerYear * minutesSaved) / 60;
  const labor = hours * i.loadedCostPerHour;
  const errorDelta = Math.max(0, i.errorRate - i.errorRateAfter);
  const errorReduction = txnPerYear * errorDelta * i.costPerError;
  const benefit = labor + errorReduction;
  const net = benefit - i.runCostPerYear;
  const firstYear = net - i.buildCost;
  const payback = net > 0 ? (i.buildCost / net) * 12 : null;
  const pv = presentValueOfAnnuity(net, i.discountRate, i.years);
  const npv = pv - i.buildCost;
  const before = i.manualMinutesPerTxn > 0 ? 60 / i.manualMinutesPerTxn : 0;
  const after = i.minutesPerTxnAfter > 0 ? 60 / i.minutesPerTxnAfter : 0;
  const improvement = before > 0 ? (after - before) / before : null;

  const discountSteps = Array.from({ length: i.years }, (_, k) => {
    const t = k + 1;
    return `year ${t}: ${fmt(net)} / (1 + ${fmt(i.discountRate, 4)})^${t} = ${fmt(net / (1 + i.discountRate) ** t)}`;
  });

  return {
    annualHoursSaved: {
      key: "annualHoursSaved",
      label: "Annual hours saved",
      value: round(hours),
      unit: "hours",
      formula: "volume per month × 12 × (manual minutes − minutes after) ÷ 60",
      steps: [
        `${fmt(i.volumePerMonth)} × 12 = ${fmt(txnPerYear)} transactions per year`,
        `${fmt(i.manualMinutesPerTxn)} − ${fmt(i.minutesPerTxnAfter)} = ${fmt(minutesSaved)} minutes saved per transaction`,
        `${fmt(txnPerYear)} × ${fmt(minutesSaved)} ÷ 60 = ${fmt(hours)} hours`,
      ],
    },
    laborSavings: {
      key: "laborSavings",
      label: "Labour savings per year",
      value: round(labor),
      unit: "currency",
      formula: "annual hours saved × loaded cost rate",
      steps: [`${fmt(hours)} h × ${fmt(i.loadedCostPerHour)} per hour = ${fmt(labor)}`],
    },
    errorCostReduction: {
      key: "errorCostReduction",
      label: "Error-cost reduction per year",
      value: round(errorReduction),
      unit: "currency",
      formula: "transactions per year × (error rate − error rate after) × cost per error",
      steps: [
        `${pct(i.errorRate)} − ${pct(i.errorRateAfter)} = ${pct(errorDelta)} fewer errors`,
        `${fmt(txnPerYear)} × ${fmt(errorDelta, 4)} × ${fmt(i.costPerError)} = ${fmt(errorReduction)}`,
      ],
    },
    annualBenefit: {
      key: "annualBenefit",
      label: "Gross benefit per year",
      value: round(benefit),
      unit: "currency",
      formula: "labour savings + error-cost reduction",
      steps: [`${fmt(labor)} + ${fmt(errorReduction)} = ${fmt(benefit)}`],
    },
    annualNetBenefit: {
      key: "annualNetBenefit",
      label: "Net benefit per year",
      value: round(net),
      unit: "currency",
      formula: "gross benefit − run cost per year",
      steps: [`${fmt(benefit)} − ${fmt(i.runCostPerYear)} = ${fmt(net)}`],
    },
    firstYearNet: {
      key: "firstYearNet",
      label: "First-year net (after build)",
      value: round(firstYear),
      unit: "currency",
      formula: "net benefit per year − build cost",
      steps: [`${fmt(net)} − ${fmt(i.buildCost)} = ${fmt(firstYear)}`],
    },
    paybackMonths: {
      key: "paybackMonths",
      label: "Payback",
      value: payback === null ? null : round(payback, 1),
      unit: "months",
      formula: "build cost ÷ net benefit per year × 12",
      steps:
        payback === null
          ? [`Net benefit per year is ${fmt(net)}, not positive: the build cost is never paid back.`]
          : [`${fmt(i.buildCost)} ÷ ${fmt(net)} × 12 = ${fmt(payback, 1)} months`],
    },
    npv: {
      key: "npv",
      label: `NPV (${i.years} years at ${pct(i.discountRate)})`,
      value: round(npv),
      unit: "currency",
      formula: "Σ net benefit ÷ (1 + discount rate)^t for t = 1..years − build cost",
      steps: [...discountSteps, `sum ${fmt(pv)} − build ${fmt(i.buildCost)} = ${fmt(npv)}`],
    },
    throughputBefore: {
      key: "throughputBefore",
      label: "Throughput before",
      value: round(before),
      unit: "txn/hour",
      formula: "60 ÷ manual minutes per transaction",
      steps: [`60 ÷ ${fmt(i.manualMinutesPerTxn)} = ${fmt(before)} transactions per hour per person`],
    },
    throughputAfter: {
      key: "throughputAfter",
      label: "Throughput after",
      value: round(after),
      unit: "txn/hour",
      formula: "60 ÷ minutes per transaction after",
      steps: [`60 ÷ ${fmt(i.minutesPerTxnAfter)} = ${fmt(after)} transactions per hour per person`],
    },
    throughputImprovement: {
      key: "throughputImprovement",
      label: "Throughput improvement",
      value: improvement === null ? null : round(improvement * 100, 1),
      unit: "percent",
      formula: "(after − before) ÷ before",
      steps:
        improvement === null
          ? ["No manual minutes recorded today, so there is no baseline to compare."]
          : [`(${fmt(after)} − ${fmt(before)}) ÷ ${fmt(before)} = ${pct(improvement)}`],
    },
  };
}

export type InventoryProcessFacts = {
  name: string;
  volumePerMonth: number;
  manualMinutesPerTxn: number;
  /** Fraction 0..1. */
  errorRate: number;
};

export type DerivedInputs = {
  volumePerMonth: number;
  manualMinutesPerTxn: number;
  errorRate: number;
  steps: string[];
};

/**
 * Derives the volume-driven ROI inputs from the inventory: volumes add up, minutes and error
 * rates are volume-weighted averages (a busy process counts more than a rare one).
 */
export function deriveInputsFromProcesses(processes: InventoryProcessFacts[]): DerivedInputs | null {
  if (processes.length === 0) return null;
  const volume = processes.reduce((s, p) => s + p.volumePerMonth, 0);
  const weight = (p: InventoryProcessFacts) => (volume > 0 ? p.volumePerMonth / volume : 1 / processes.length);
  const minutes = processes.reduce((s, p) => s + weight(p) * p.manualMinutesPerTxn, 0);
  const errorRate = processes.reduce((s, p) => s + weight(p) * p.errorRate, 0);
  return {
    volumePerMonth: round(volume),
    manualMinutesPerTxn: round(minutes),
    errorRate: round(errorRate, 4),
    steps: [
      `volume = ${processes.map((p) => `${p.name} ${fmt(p.volumePerMonth)}`).join(" + ")} = ${fmt(volume)} per month`,
      `manual minutes = volume-weighted mean of ${processes.map((p) => fmt(p.manualMinutesPerTxn)).join(", ")} = ${fmt(minutes)}`,
      `error rate = volume-weighted mean of ${processes.map((p) => pct(p.errorRate)).join(", ")} = ${pct(errorRate)}`,
    ],
  };
}
