import { z } from "zod";

// Health assessments of flows: the questionnaire, action items, and the list's query.

const id = z.string().trim().min(1, "Required.");
const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const flag = z.preprocess((v) => v === true || v === "true" || v === "1" || v === "on", z.boolean());

/** The list's views: open ones (due), open ones past their due date (overdue), completed ones, or all. */
export const HEALTH_VIEWS = ["due", "overdue", "completed", "all"] as const;
export type THealthView = (typeof HEALTH_VIEWS)[number];

export const TECHNICAL_DEBT_LEVELS = [
  { value: 1, label: "1 · none worth naming" },
  { value: 2, label: "2 · a little, contained" },
  { value: 3, label: "3 · noticeable, slows changes" },
  { value: 4, label: "4 · heavy, changes are risky" },
  { value: 5, label: "5 · severe, needs a rebuild" },
] as const;

/**
 * A date-only value (an <input type="date">) means "by the end of that day" in UTC, so an item due
 * today is not overdue until the day is over; a full timestamp is taken as it is.
 */
const dueDate = z.preprocess(
  (v) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? `${v.trim()}T23:59:59.999Z` : v),
  z.coerce
    .date({ error: "Enter a due date." })
    .refine((d) => !Number.isNaN(d.getTime()), { message: "Enter a due date." }),
);

export const ZHealthAnswers = z.object({
  technicalDebt: z.coerce
    .number({ error: "Rate the technical debt from 1 to 5." })
    .int("Rate the technical debt from 1 to 5.")
    .min(1, "Rate the technical debt from 1 to 5.")
    .max(5, "Rate the technical debt from 1 to 5."),
  bottlenecks: z
    .string()
    .trim()
    .min(1, "Name the known bottlenecks, or write “none known”.")
    .max(4000, "Keep it under 4,000 characters."),
  optimizationIdeas: z
    .string()
    .trim()
    .min(1, "Write down the optimization ideas, or “none”.")
    .max(4000, "Keep it under 4,000 characters."),
  notes: z.string().trim().max(4000, "Keep it under 4,000 characters.").optional(),
});
export type THealthAnswers = z.infer<typeof ZHealthAnswers>;

export const ZHealthActionItemInput = z.object({
  title: z
    .string()
    .trim()
    .min(3, "Say what is to be done (3 characters or more).")
    .max(200, "Keep it under 200 characters."),
  ownerId: z.string().trim().min(1, "Choose an owner."),
  dueAt: dueDate,
});
export type THealthActionItemInput = z.infer<typeof ZHealthActionItemInput>;

export const MAX_ACTION_ITEMS = 20;

export const ZCompleteAssessment = z.object({
  id,
  answers: ZHealthAnswers,
  actionItems: z
    .array(ZHealthActionItemInput)
    .max(MAX_ACTION_ITEMS, `At most ${MAX_ACTION_ITEMS} action items.`)
    .default([]),
});
export type TCompleteAssessment = z.input<typeof ZCompleteAssessment>;

export const ZAssessmentId = z.object({ id });
export const ZActionItemId = z.object({ id });

export const ZListAssessments = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  q: z.string().trim().max(200).default(""),
  view: z.preprocess(emptyToUndefined, z.enum(HEALTH_VIEWS).default("due")),
  mine: flag.default(false),
  assigneeId: z.preprocess(emptyToUndefined, z.string().trim().optional()),
  flowId: z.preprocess(emptyToUndefined, z.string().trim().optional()),
});
export type TListAssessments = z.input<typeof ZListAssessments>;

export const ZListActionItems = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  q: z.string().trim().max(200).default(""),
  /** "mine" is the acting user; an id picks one owner; absent lists every owner's. */
  ownerId: z.preprocess(emptyToUndefined, z.string().trim().optional()),
  mine: flag.default(false),
  isOverdue: flag.default(false),
  status: z.preprocess(emptyToUndefined, z.enum(["open", "done"]).default("open")),
});
export type TListActionItems = z.input<typeof ZListActionItems>;

/** A signal as an assessment stored it (lib/services/signals TSignal), read back from JSON. */
export const ZStoredSignal = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  unit: z.string(),
  score: z.number(),
  weight: z.number(),
  detail: z.string(),
  trend: z.enum(["improving", "worsening", "steady"]).nullable(),
});
export const ZStoredSignals = z.array(ZStoredSignal);
