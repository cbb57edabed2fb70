// The CAB risk score: pure, so the factors and their weighting are unit-tested; risk-load.ts reads the inputs.
import type { ChangeRiskLevel } from "@/lib/db/generated/client";

export type TRiskFactorKey = "blastRadius" | "dataClassification" | "health" | "diffSize" | "changeFailures";
export type TRiskWeights = Record<TRiskFactorKey, number>;

export type TRiskFactor = {
  key: TRiskFactorKey;
  label: string;
  /** 0–100 */
  score: number;
  weight: number;
  detail: string;
};

export type TRiskInput = {
  impact: { systems: number; interfaces: number; flows: number };
  /** Classifications of the data domains the items carry. */
  classifications: string[];
  health: { finished: number; failed: number; pendingDeadLetters: number };
  fieldsChanged: number;
  recentFailures: number;
};

export type TRiskThresholds = { mediumFrom: number; highFrom: number };
export type TRiskResult = { score: number; level: ChangeRiskLevel; factors: TRiskFactor[] };

export const DEFAULT_WEIGHTS: TRiskWeights = {
  blastRadius: 30,
  dataClassification: 25,
  health: 15,
  diffSize: 15,
  changeFailures: 15,
};

export const CLASSIFICATION_SCORE: Record<string, number> = {
  public: 0,
  internal: 20,
  confidential: 50,
  personal: 80,
  sensitive_personal: 100,
};

const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(n)));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Reads stored weights leniently: a missing or bad weight takes its default. */
export function parseWeights(raw: unknown): TRiskWeights {
  const obj = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const out = { ...DEFAULT_WEIGHTS };
  for (const key of Object.keys(DEFAULT_WEIGHTS) as TRiskFactorKey[]) {
    const v = obj[key];
    if (typeof v === "number" && Number.isFinite(v) && v >= 0) out[key] = v;
  }
  return out;
}

export function riskFactors(input: TRiskInput, weights: TRiskWeights): TRiskFactor[] {
  const { systems, interfaces, flows } = input.impact;
  const top = input.classifications.reduce<string | null>(
    (best, c) => (best === null || (CLASSIFICATION_SCORE[c] ?? 0) > (CLASSIFICATION_SCORE[best] ?? 0) ? c : best),
    null,
  );
  const { finished, failed, pendingDeadLetters } = input.health;
  const errorRate = finished ? failed / finished : 0;
  return [
    {
      key: "blastRadius",
      label: "Blast radius",
      score: clamp(systems * 12 + interfaces * 8 + flows * 6),
      weight: weights.blastRadius,
      detail: `${plural(systems, "system")}, ${plural(interfaces, "interface")}, ${plural(flows, "flow")} depend on it`,
    },
    {
      key: "dataClassification",
      label: "Data classification",
      score: top === null ? 0 : (CLASSIFICATION_SCORE[top] ?? 0),
      weight: weights.dataClassification,
      detail:
        top === null
          ? "Carries no classified data domain"
          : `Carries ${top.replace("_", " ")} data (${plural(input.classifications.length, "data domain")})`,
    },
    {
      key: "health",
      label: "Current health",
      score: clamp(errorRate * 200 + Math.min(50, pendingDeadLetters * 5)),
      weight: weights.health,
      detail: finished
        ? `${(errorRate * 100).toFixed(1)}% errors over ${plural(finished, "message")} in 24h, ${plural(pendingDeadLetters, "pending dead letter")}`
        : `No traffic in the last 24h, ${plural(pendingDeadLetters, "pending dead letter")}`,
    },
    {
      key: "diffSize",
      label: "Size of the change",
      score: clamp(input.fieldsChanged * 4),
      weight: weights.diffSize,
      detail: `${plural(input.fieldsChanged, "field")} changed`,
    },
    {
      key: "changeFailures",
      label: "Recent change failures",
      score: clamp(input.recentFailures * 34),
      weight: weights.changeFailures,
      detail: `${plural(input.recentFailures, "change")} to these items rolled back in the last 90 days`,
    },
  ];
}

export function riskLevel(score: number, t: TRiskThresholds): ChangeRiskLevel {
  if (score >= t.highFrom) return "high";
  if (score >= t.mediumFrom) return "medium";
  return "low";
}

/** Weighted mean of the factor scores; all weights zero gives 0. */
export function scoreRisk(input: TRiskInput, weights: TRiskWeights, t: TRiskThresholds): TRiskResult {
  const factors = riskFactors(input, weights);
  const total = factors.reduce((a, f) => a + f.weight, 0);
  const score = total ? clamp(factors.reduce((a, f) => a + f.score * f.weight, 0) / total) : 0;
  return { score, level: riskLevel(score, t), factors };
}

export const LEVEL_RANK: Record<ChangeRiskLevel, number> = { low: 0, medium: 1, high: 2 };
