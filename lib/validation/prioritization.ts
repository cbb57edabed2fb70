import { z } from "zod";
import { ZOptionalId } from "./inventory";

// Shared by candidate/workshop/governance forms, actions and services.

export const CANDIDATE_STATUSES = ["draft", "proposed", "approved"] as const;
export type TCandidateStatus = (typeof CANDIDATE_STATUSES)[number];

const id = z.string().trim().min(1);
/** The most ids one multi-select of a form may carry (its picker stops there too). */
export const MAX_LINKED_IDS = 500;
/** Form multi-selects arrive as a string, an array, or nothing. */
const idList = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(id).max(MAX_LINKED_IDS),
);
const num = (label: string, min = 0, max = 1e12) =>
  z.coerce
    .number({ error: `Enter a number for ${label}.` })
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} must be at most ${max}.`);
/** Percent as entered (0–100); the service stores the fraction. Not a transform: parsing twice must not divide twice. */
const percent = (label: string) => num(label, 0, 100);

export const ZCandidateInput = z.object({
  name: z.string().trim().min(3, "Use at least 3 characters.").max(160),
  description: z.string().trim().max(4000).default(""),
  departmentId: z.preprocess((v) => (v === "" ? null : v), id.nullable().default(null)),
  effortFte: num("Effort", 0.1, 50),
  processIds: idList,
  interfaceIds: idList,
  dependsOnIds: idList,
  useInventoryInputs: z.boolean().default(true),
  volumePerMonth: num("Volume per month"),
  manualMinutesPerTxn: num("Manual minutes", 0, 100_000),
  minutesPerTxnAfter: num("Minutes after", 0.01, 100_000),
  errorRatePct: percent("Error rate"),
  errorRateAfterPct: percent("Error rate after"),
  costPerError: num("Cost per error"),
  loadedCostPerHour: num("Loaded cost per hour", 0, 10_000),
  buildCost: num("Build cost"),
  runCostPerYear: num("Run cost per year"),
  discountRatePct: percent("Discount rate"),
  years: z.coerce.number().int("Use whole years.").min(1, "Use at least 1 year.").max(30, "Use at most 30 years."),
});
export type TCandidateInput = z.input<typeof ZCandidateInput>;

export const ZUpdateCandidateInput = ZCandidateInput.extend({ candidateId: id });

export const ZCandidateStatusInput = z.object({ candidateId: id, status: z.enum(CANDIDATE_STATUSES) });
/** Editors move a candidate between draft and proposed; approving needs its own permission and action. */
export const ZSetCandidateStatusInput = z.object({
  candidateId: id,
  status: z.enum(["draft", "proposed"], {
    error: "Approving is a separate step: use Approve, which needs the approval permission.",
  }),
});
export const ZCandidateIdInput = z.object({ candidateId: id });

export const ZCriterionInput = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,40}$/, "Use lower-case letters, digits and underscores, e.g. data_quality."),
  label: z.string().trim().min(2).max(80),
  description: z.string().trim().max(500).default(""),
  weight: num("Weight", 0, 100),
  isInverted: z.boolean().default(false),
  isActive: z.boolean().default(true),
});

export const ZCreateWorkshopInput = z.object({
  title: z.string().trim().min(3, "Use at least 3 characters.").max(160),
  candidateIds: idList.refine((v) => v.length > 0, "Choose at least one candidate."),
  participantIds: idList.refine((v) => v.length > 0, "Invite at least one participant."),
});

export const ZScoreInput = z.object({
  sessionId: id,
  candidateId: id,
  criterionKey: z.string().min(1),
  value: z.coerce.number().int("Scores are whole numbers.").min(1, "Score from 1 to 5.").max(5, "Score from 1 to 5."),
});
/** A participant's scores for one candidate, submitted together. */
export const ZSubmitScoresInput = z.object({
  sessionId: id,
  candidateId: id,
  scores: z.record(z.string(), z.coerce.number().int().min(1, "Score from 1 to 5.").max(5, "Score from 1 to 5.")),
});
export type TSubmitScoresInput = z.infer<typeof ZSubmitScoresInput>;
/** The score sheet posts `sessionId`, `candidateId` and one `score.<criterionKey>` per criterion; blank means unscored. */
export const ZSubmitScoresForm = z.preprocess((raw) => {
  if (!raw || typeof raw !== "object") return raw;
  const form = raw as Record<string, unknown>;
  const scores = Object.fromEntries(
    Object.entries(form)
      .filter(([k, v]) => k.startsWith("score.") && v !== "")
      .map(([k, v]) => [k.slice("score.".length), v]),
  );
  return { sessionId: form.sessionId, candidateId: form.candidateId, scores };
}, ZSubmitScoresInput);

export const ZSessionIdInput = z.object({ sessionId: id });

export const ZGovernanceRuleInput = z.object({
  name: z.string().trim().min(3).max(120),
  description: z.string().trim().max(1000).default(""),
  metric: z.enum(["customization_score", "deviation_count"], { error: "Choose a metric." }),
  operator: z.enum([">=", ">"], { error: "Choose ≥ or >." }),
  threshold: num("Threshold", 0, 1000),
  isActive: z.boolean().default(true),
});
export const ZUpdateGovernanceRuleInput = ZGovernanceRuleInput.extend({ ruleId: id });
/** The rule form: creates without a ruleId, edits with one. */
export const ZSaveGovernanceRuleInput = ZGovernanceRuleInput.extend({ ruleId: ZOptionalId });

export const ZProcessDecisionInput = z.object({
  processId: id,
  decision: z.enum(["standardize", "customize"], { error: "Choose standardize or customize." }),
  customizationScore: z.coerce.number().int().min(1, "Score from 1 to 5.").max(5, "Score from 1 to 5."),
  deviationCount: z.coerce.number().int().min(0, "Cannot be negative.").max(1000),
  rationale: z.string().trim().min(10, "Explain the decision in at least 10 characters.").max(4000),
});

export const ZArchitectureReviewInput = z.object({
  processId: id,
  outcome: z.enum(["approved", "rejected", "changes_requested"], { error: "Choose an outcome." }),
  notes: z.string().trim().min(5, "Add review notes (at least 5 characters).").max(4000),
});
