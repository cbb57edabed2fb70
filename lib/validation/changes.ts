import { z } from "zod";

const id = z.string().trim().min(1, "Required.");
const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const date = (label: string) =>
  z.coerce.date({ error: `Enter ${label} as a date and time.` }).refine((d) => !Number.isNaN(d.getTime()), {
    message: `Enter ${label} as a date and time.`,
  });
/** A form sends arrays as JSON text; an action or the CLI sends them as arrays. */
const jsonArray = (v: unknown) => {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};

export const CHANGE_TYPES = ["standard", "normal", "emergency"] as const;
export const CHANGE_STATUSES = [
  "draft",
  "submitted",
  "approved",
  "rejected",
  "implemented",
  "rolled_back",
  "closed",
  "cancelled",
] as const;
export const RISK_LEVELS = ["low", "medium", "high"] as const;
export const MAX_WINDOW_DAYS = 7;

export const ZChangeItemRef = z.object({
  kind: z.string().trim().min(1, "Name the config kind, e.g. flow."),
  versionId: id,
});

const window = {
  windowStart: date("the window's start"),
  windowEnd: date("the window's end"),
};

/** Window end after start and at most MAX_WINDOW_DAYS long (also checked by the service). */
export function windowIssue(start: Date, end: Date): string | null {
  if (end.getTime() <= start.getTime()) return "The window must end after it starts.";
  if (end.getTime() - start.getTime() > MAX_WINDOW_DAYS * 86_400_000)
    return `A change window may last at most ${MAX_WINDOW_DAYS} days; split the change.`;
  return null;
}

const refineWindow = <T extends { windowStart: Date; windowEnd: Date }>(v: T, ctx: z.RefinementCtx) => {
  const issue = windowIssue(v.windowStart, v.windowEnd);
  if (issue) ctx.addIssue({ code: "custom", message: issue, path: ["windowEnd"] });
};

export const ZOpenChange = z
  .object({
    title: z.string().trim().min(3, "Give the change a title of at least 3 characters.").max(200),
    description: z.string().trim().max(10_000).default(""),
    type: z.enum(CHANGE_TYPES, { error: "Choose standard, normal or emergency." }),
    modelKey: z.preprocess(emptyToUndefined, z.string().trim().min(1).optional()),
    environmentKey: z.string().trim().min(1, "Choose the environment."),
    ...window,
    rolloutPlan: z.string().trim().min(1, "Describe the rollout plan.").max(10_000),
    rollbackPlan: z.string().trim().min(1, "Describe the rollback plan.").max(10_000),
    items: z.preprocess(
      jsonArray,
      z.array(ZChangeItemRef).min(1, "A change deploys at least one config item version.").max(200),
    ),
    rollbackOfId: z.preprocess(emptyToUndefined, id.optional()),
  })
  .superRefine(refineWindow)
  .superRefine((v, ctx) => {
    if (v.type === "standard" && !v.modelKey)
      ctx.addIssue({ code: "custom", message: "A standard change names its change model.", path: ["modelKey"] });
  });
export type TOpenChange = z.infer<typeof ZOpenChange>;

export const ZChangeId = z.object({ changeId: id });

export const ZDecideChange = z.object({
  changeId: id,
  decision: z.enum(["approve", "reject"], { error: "Choose approve or reject." }),
  comment: z.string().trim().max(4000).default(""),
});
export type TDecideChange = z.infer<typeof ZDecideChange>;

export const ZRescheduleChange = z.object({ changeId: id, ...window }).superRefine(refineWindow);

export const ZCancelChange = z.object({ changeId: id, reason: z.string().trim().max(2000).default("") });

export const ZPostImplementationReview = z.object({
  changeId: id,
  summary: z.string().trim().min(10, "Summarise the review in at least 10 characters.").max(10_000),
});

const csv = (v: unknown) => (typeof v === "string" ? v.split(",").filter(Boolean) : v);

export const ZListChanges = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  status: z.preprocess(csv, z.array(z.enum(CHANGE_STATUSES)).default([])),
  type: z.preprocess(emptyToUndefined, z.enum(CHANGE_TYPES).optional()),
  riskLevel: z.preprocess(emptyToUndefined, z.enum(RISK_LEVELS).optional()),
  environmentKey: z.preprocess(emptyToUndefined, z.string().trim().optional()),
  q: z.string().trim().max(200).default(""),
  mine: z.preprocess((v) => v === true || v === "true" || v === "1" || v === "on", z.boolean()).default(false),
});
export type TListChanges = z.infer<typeof ZListChanges>;

export const ZDateRange = z
  .object({ from: date("the start"), to: date("the end") })
  .refine((v) => v.to > v.from, { message: "The end must be after the start.", path: ["to"] })
  .refine((v) => v.to.getTime() - v.from.getTime() <= 400 * 86_400_000, {
    message: "Show at most about a year at a time.",
    path: ["to"],
  });

export const ZChangeModelInput = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_-]{1,60}$/, "Use lower-case letters, digits, - and _, e.g. flow-config-tweak."),
  name: z.string().trim().min(2).max(120),
  description: z.string().trim().max(4000).default(""),
  maxRisk: z.enum(RISK_LEVELS).default("low"),
  isActive: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()).default(true),
});
export const ZUpdateChangeModel = ZChangeModelInput.partial().extend({ id });

export const ZChangeWindowInput = z.object({
  kind: z.enum(["blackout", "maintenance"], { error: "Choose blackout or maintenance." }),
  name: z.string().trim().min(2).max(120),
  description: z.string().trim().max(4000).default(""),
  rrule: z.string().trim().min(1, "Enter a recurrence rule (RRULE with DTSTART)."),
  durationMinutes: z.coerce
    .number()
    .int()
    .min(1, "A window lasts at least 1 minute.")
    .max(31 * 24 * 60, "A window lasts at most 31 days."),
  systemId: z.preprocess(emptyToUndefined, id.nullable().optional()),
  environmentId: z.preprocess(emptyToUndefined, id.nullable().optional()),
  isActive: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()).default(true),
});
export const ZUpdateChangeWindow = ZChangeWindowInput.partial().extend({ id });

const weight = z.coerce.number().min(0, "Weights are 0 or more.").max(100);
export const ZRiskPolicyInput = z
  .object({
    mediumFrom: z.coerce.number().int().min(1).max(100),
    highFrom: z.coerce.number().int().min(1).max(100),
    lowApprovals: z.coerce.number().int().min(1, "Require at least 1 approval.").max(10),
    mediumApprovals: z.coerce.number().int().min(1, "Require at least 1 approval.").max(10),
    highApprovals: z.coerce.number().int().min(1, "Require at least 1 approval.").max(10),
    dataOwnerFrom: z.enum(RISK_LEVELS),
    weights: z.object({
      blastRadius: weight,
      dataClassification: weight,
      health: weight,
      diffSize: weight,
      changeFailures: weight,
    }),
    remindAfterHours: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    escalateAfterReminders: z.coerce.number().int().min(1).max(20),
    rollbackErrorRate: z.coerce.number().min(0).max(1),
    rollbackMinutes: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    rollbackMinMessages: z.coerce.number().int().min(1),
  })
  .partial()
  .refine((v) => v.mediumFrom === undefined || v.highFrom === undefined || v.mediumFrom < v.highFrom, {
    message: "Medium must start below high.",
    path: ["highFrom"],
  });
export type TRiskPolicyInput = z.infer<typeof ZRiskPolicyInput>;

/** A change model or window by id (delete, toggle). */
export const ZRecordId = z.object({ id: z.string().trim().min(1) });

/** A rule as typed in the window form, previewed before saving. */
export const ZPreviewWindow = z.object({
  rrule: z.string().max(4000),
  durationMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(31 * 24 * 60)
    .catch(60),
});
