// What a validate step reports besides its verdicts: how many records it checked (QualityCheckMinute,
// read by the accuracy SLA) and the records themselves (the bounded sample the impact preview replays).
// The engine's rule-set source implements it; the step calls it without waiting (writes are batched).

export type TRuleCheckReport = {
  ruleSetKey: string;
  ruleSetVersionId: string;
  stepId: string;
  /** The records as the step saw them, before any was quarantined. */
  records: unknown[];
  passed: number;
  failed: number;
};
