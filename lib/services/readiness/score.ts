import "server-only";

// Pure readiness scoring from a department questionnaire. The score (0–100) and the FTE a
// department can put into one wave feed wave capacity.

export type ReadinessAnswers = {
  /** FTE the department can free up for integration work. */
  bandwidthFte: number;
  /** 1 (paper and email) .. 5 (self-serve with systems and data). */
  technicalLiteracy: number;
  /** 1 (no sponsor) .. 5 (visible executive sponsor). */
  sponsorship: number;
  /** Resistance indicators, each 0 (none) .. 3 (strong). */
  changeFatigue: number;
  priorFailures: number;
  jobSecurityConcern: number;
  processAttachment: number;
};

export const RESISTANCE_KEYS = ["changeFatigue", "priorFailures", "jobSecurityConcern", "processAttachment"] as const;
export const RESISTANCE_LABELS: Record<(typeof RESISTANCE_KEYS)[number], string> = {
  changeFatigue: "Change fatigue",
  priorFailures: "Prior failed projects",
  jobSecurityConcern: "Job-security concern",
  processAttachment: "Attachment to current process",
};

export const READINESS_DIMENSIONS = ["bandwidth", "literacy", "sponsorship", "resistance"] as const;
export type ReadinessDimension = (typeof READINESS_DIMENSIONS)[number];
export const DIMENSION_LABELS: Record<ReadinessDimension, string> = {
  bandwidth: "Bandwidth",
  literacy: "Technical literacy",
  sponsorship: "Sponsorship",
  resistance: "Low resistance",
};

const WEIGHTS: Record<ReadinessDimension, number> = { bandwidth: 30, literacy: 25, sponsorship: 15, resistance: 30 };

export type ReadinessResult = {
  score: number;
  dimensions: Record<ReadinessDimension, number>;
  /** FTE usable per wave: bandwidth scaled by readiness, since an unready team converts less time into progress. */
  waveCapacityFte: number;
  steps: string[];
};

/** `fullBandwidthFte`: the FTE at which bandwidth counts as fully sufficient. */
export function scoreReadiness(a: ReadinessAnswers, fullBandwidthFte = 3): ReadinessResult {
  const clamp = (n: number) => Math.max(0, Math.min(1, n));
  const resistanceSum = RESISTANCE_KEYS.reduce((s, k) => s + a[k], 0);
  const d: Record<ReadinessDimension, number> = {
    bandwidth: clamp(a.bandwidthFte / fullBandwidthFte),
    literacy: clamp((a.technicalLiteracy - 1) / 4),
    sponsorship: clamp((a.sponsorship - 1) / 4),
    resistance: clamp(1 - resistanceSum / (RESISTANCE_KEYS.length * 3)),
  };
  const total =
    READINESS_DIMENSIONS.reduce((s, k) => s + WEIGHTS[k] * d[k], 0) /
    READINESS_DIMENSIONS.reduce((s, k) => s + WEIGHTS[k], 0);
  const score = Math.round(total * 100);
  const dimensions = Object.fromEntries(READINESS_DIMENSIONS.map((k) => [k, Math.round(d[k] * 100)])) as Record<
    ReadinessDimension,
    number
  >;
  const waveCapacityFte = Math.round(a.bandwidthFte * (score / 100) * 100) / 100;
  return {
    score,
    dimensions,
    waveCapacityFte,
    steps: [
      `bandwidth = min(1, ${a.bandwidthFte} FTE ÷ ${fullBandwidthFte}) = ${dimensions.bandwidth} %`,
      `technical literacy = (${a.technicalLiteracy} − 1) ÷ 4 = ${dimensions.literacy} %`,
      `sponsorship = (${a.sponsorship} − 1) ÷ 4 = ${dimensions.sponsorship} %`,
      `low resistance = 1 − ${resistanceSum} ÷ ${RESISTANCE_KEYS.length * 3} = ${dimensions.resistance} %`,
      `score = (30 × bandwidth + 25 × literacy + 15 × sponsorship + 30 × low resistance) ÷ 100 = ${score}`,
      `wave capacity = ${a.bandwidthFte} FTE × ${score} % = ${waveCapacityFte} FTE`,
    ],
  };
}
