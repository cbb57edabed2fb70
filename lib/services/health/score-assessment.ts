import type { THealthAnswers } from "@/lib/validation/health";

/**
 * Points the questionnaire's technical debt (1–5) takes off the signals' score. Metrics cannot see debt,
 * so the owner's rating counts, but never for more than 15 points: 1 costs nothing, 5 costs 15.
 */
export const TECHNICAL_DEBT_PENALTY: Readonly<Record<number, number>> = { 1: 0, 2: 4, 3: 8, 4: 12, 5: 15 };

export type TScoreBreakdown = { signalScore: number; debtPenalty: number; score: number };

/**
 * An assessment's score: the signals' weighted score (healthScore) minus the technical-debt penalty,
 * kept within 0–100. Deterministic, so the page can show the same breakdown from what was stored.
 */
export function assessmentScore(signalScore: number, answers: Pick<THealthAnswers, "technicalDebt">): TScoreBreakdown {
  const debtPenalty = TECHNICAL_DEBT_PENALTY[answers.technicalDebt] ?? 0;
  return { signalScore, debtPenalty, score: Math.max(0, Math.min(100, Math.round(signalScore - debtPenalty))) };
}
