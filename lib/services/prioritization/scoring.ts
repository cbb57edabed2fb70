import "server-only";

// Pure weighted scoring for workshop sessions: per-criterion statistics, a weighted aggregate
// per candidate, and a disagreement flag so the facilitator knows what to discuss.

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

export type CriterionDef = {
  key: string;
  label: string;
  weight: number;
  /** Higher raw score is worse (e.g. integration complexity); inverted before weighting. */
  isInverted: boolean;
};

export const DEFAULT_CRITERIA: CriterionDef[] = [
  { key: "business_impact", label: "Business impact", weight: 30, isInverted: false },
  { key: "integration_complexity", label: "Integration complexity", weight: 20, isInverted: true },
  { key: "regulatory_exposure", label: "Regulatory exposure", weight: 15, isInverted: false },
  { key: "roi", label: "ROI", weight: 25, isInverted: false },
  { key: "readiness", label: "Readiness", weight: 10, isInverted: false },
];

export type ScoreEntry = { participantId: string; candidateId: string; criterionKey: string; value: number };

export type Stats = { n: number; mean: number; median: number; stdev: number; min: number; max: number };

export type CriterionAggregate = Stats & { criterionKey: string; isDisagreement: boolean };

export type CandidateAggregate = {
  candidateId: string;
  /** Weighted score on the 1–5 scale (inverted criteria flipped), null when nothing is scored. */
  weightedScore: number | null;
  /** Spread of each participant's own weighted total: shows disagreement on the whole candidate. */
  participantTotals: Stats | null;
  participants: number;
  criteria: CriterionAggregate[];
  isDisagreement: boolean;
  rank: number | null;
};

export type ScoringOptions = {
  /** A criterion is flagged when the population stdev reaches this, or the range reaches `disagreementRange`. */
  disagreementStdev: number;
  disagreementRange: number;
};

export const DEFAULT_SCORING_OPTIONS: ScoringOptions = { disagreementStdev: 1.2, disagreementRange: 3 };

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

export function stats(values: number[]): Stats | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((s, v) => s + v, 0) / n;
  const mid = Math.floor(n / 2);
  const median = n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const variance = sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  return {
    n,
    mean: round(mean),
    median: round(median),
    stdev: round(Math.sqrt(variance)),
    min: sorted[0],
    max: sorted[n - 1],
  };
}

/** Maps a raw score onto "higher is better": inverted criteria are flipped around the scale. */
export function orientedValue(value: number, criterion: Pick<CriterionDef, "isInverted">): number {
  return criterion.isInverted ? SCORE_MAX + SCORE_MIN - value : value;
}

function weighted(values: Map<string, number>, criteria: CriterionDef[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    const v = values.get(c.key);
    if (v === undefined || c.weight <= 0) continue;
    sum += c.weight * orientedValue(v, c);
    weights += c.weight;
  }
  return weights > 0 ? sum / weights : null;
}

export function aggregateScores(
  candidateIds: string[],
  criteria: CriterionDef[],
  scores: ScoreEntry[],
  options: ScoringOptions = DEFAULT_SCORING_OPTIONS,
): CandidateAggregate[] {
  const known = new Set(criteria.map((c) => c.key));
  const byCandidate = new Map<string, ScoreEntry[]>();
  for (const s of scores) {
    if (!known.has(s.criterionKey)) continue;
    const list = byCandidate.get(s.candidateId) ?? [];
    list.push(s);
    byCandidate.set(s.candidateId, list);
  }

  const rows: CandidateAggregate[] = candidateIds.map((candidateId) => {
    const entries = byCandidate.get(candidateId) ?? [];
    const criterionAggs: CriterionAggregate[] = [];
    const means = new Map<string, number>();
    for (const c of criteria) {
      const s = stats(entries.filter((e) => e.criterionKey === c.key).map((e) => e.value));
      if (!s) continue;
      means.set(c.key, s.mean);
      const isDisagreement =
        s.n >= 2 && (s.stdev >= options.disagreementStdev || s.max - s.min >= options.disagreementRange);
      criterionAggs.push({ ...s, criterionKey: c.key, isDisagreement });
    }
    const perParticipant = new Map<string, Map<string, number>>();
    for (const e of entries) {
      const m = perParticipant.get(e.participantId) ?? new Map<string, number>();
      m.set(e.criterionKey, e.value);
      perParticipant.set(e.participantId, m);
    }
    const totals = [...perParticipant.values()]
      .map((m) => weighted(m, criteria))
      .filter((v): v is number => v !== null);
    const ws = weighted(means, criteria);
    return {
      candidateId,
      weightedScore: ws === null ? null : round(ws),
      participantTotals: stats(totals.map((t) => round(t))),
      participants: perParticipant.size,
      criteria: criterionAggs,
      isDisagreement: criterionAggs.some((c) => c.isDisagreement),
      rank: null,
    };
  });

  const ranked = rows
    .filter((r) => r.weightedScore !== null)
    .sort((a, b) => (b.weightedScore ?? 0) - (a.weightedScore ?? 0));
  ranked.forEach((r, i) => {
    r.rank = i + 1;
  });
  return rows;
}

export type MatrixPoint = {
  candidateId: string;
  impact: number;
  complexity: number;
  regulatoryExposure: number;
  quadrant: Quadrant;
};

export const QUADRANTS = {
  quick_win: "Quick wins (high impact, low complexity)",
  strategic: "Strategic bets (high impact, high complexity)",
  fill_in: "Fill-ins (low impact, low complexity)",
  avoid: "Reconsider (low impact, high complexity)",
} as const;
export type Quadrant = keyof typeof QUADRANTS;

/** Splits the 1–5 scale at its midpoint: impact ≥ 3 is "high", complexity ≥ 3 is "high". */
export function quadrantOf(impact: number, complexity: number): Quadrant {
  const mid = (SCORE_MIN + SCORE_MAX) / 2;
  if (impact >= mid) return complexity >= mid ? "strategic" : "quick_win";
  return complexity >= mid ? "avoid" : "fill_in";
}

/** Positions on the matrix from criterion means; a candidate missing impact or complexity is left out. */
export function matrixPoints(aggregates: CandidateAggregate[]): MatrixPoint[] {
  const out: MatrixPoint[] = [];
  for (const a of aggregates) {
    const mean = (k: string) => a.criteria.find((c) => c.criterionKey === k)?.mean;
    const impact = mean("business_impact");
    const complexity = mean("integration_complexity");
    if (impact === undefined || complexity === undefined) continue;
    out.push({
      candidateId: a.candidateId,
      impact,
      complexity,
      regulatoryExposure: mean("regulatory_exposure") ?? SCORE_MIN,
      quadrant: quadrantOf(impact, complexity),
    });
  }
  return out;
}
