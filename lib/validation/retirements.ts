import { z } from "zod";
import { ZListQuery } from "./list";

// Retiring a flow or an interface: deprecation with its brownout windows and sunset, then retirement,
// which the service refuses while traffic is younger than quietDays (unless a change waives it).

export const RETIREMENT_SUBJECT_KINDS = ["flow", "interface"] as const;
export type TRetirementSubjectKind = (typeof RETIREMENT_SUBJECT_KINDS)[number];
export const RETIREMENT_STATUSES = ["deprecated", "retired", "cancelled"] as const;
export type TRetirementStatus = (typeof RETIREMENT_STATUSES)[number];

export const DEFAULT_QUIET_DAYS = 30;
export const MAX_QUIET_DAYS = 365;
export const MIN_BROWNOUT_MINUTES = 1;
export const MAX_BROWNOUT_HOURS = 24;
export const MAX_BROWNOUTS = 20;
const MINUTE = 60_000;

const id = z.string().trim().min(1, "Required.").max(64);
const date = (label: string) =>
  z.coerce.date({ error: `Enter ${label} as a date and time.` }).refine((d) => !Number.isNaN(d.getTime()), {
    message: `Enter ${label} as a date and time.`,
  });
const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
/** A form sends the brownout list as JSON text; an action, a test or the CLI as an array. */
const jsonArray = (v: unknown) => {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};

export const ZBrownoutWindow = z.object({
  startsAt: date("the brownout's start"),
  endsAt: date("the brownout's end"),
});
export type TBrownoutWindow = z.infer<typeof ZBrownoutWindow>;

export type TScheduleIssue = { path: string; message: string };

const fmt = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * Everything wrong with a sunset and its brownout windows: each window lasts 1 minute to 24 hours, ends
 * before the sunset and overlaps no other (`existing` are windows already stored). With `now`, also
 * that the sunset and each new window's end lie in the future; the schema runs without it (a test
 * clock may be anywhere), the service with its clock.
 */
export function scheduleIssues(input: {
  /** Null where the sunset is not known yet (a single window checked before the service loads it). */
  sunsetAt: Date | null;
  brownouts: TBrownoutWindow[];
  existing?: TBrownoutWindow[];
  now?: Date | null;
  /** Field path prefix of the new windows ("brownouts" in the deprecation form, "" for one window). */
  path?: string;
}): TScheduleIssue[] {
  const issues: TScheduleIssue[] = [];
  const { sunsetAt, brownouts, existing = [], now, path = "brownouts" } = input;
  const at = (i: number, field: string) => (path ? `${path}.${i}.${field}` : field);
  if (now && sunsetAt && sunsetAt.getTime() <= now.getTime())
    issues.push({ path: "sunsetAt", message: `The sunset must be in the future (after ${fmt(now)}).` });
  brownouts.forEach((w, i) => {
    const length = w.endsAt.getTime() - w.startsAt.getTime();
    if (length < MIN_BROWNOUT_MINUTES * MINUTE)
      issues.push({ path: at(i, "endsAt"), message: "A brownout must end at least 1 minute after it starts." });
    else if (length > MAX_BROWNOUT_HOURS * 60 * MINUTE)
      issues.push({ path: at(i, "endsAt"), message: `A brownout lasts at most ${MAX_BROWNOUT_HOURS} hours.` });
    if (sunsetAt && w.endsAt.getTime() > sunsetAt.getTime())
      issues.push({ path: at(i, "endsAt"), message: `A brownout must end by the sunset (${fmt(sunsetAt)}).` });
    if (now && w.endsAt.getTime() <= now.getTime())
      issues.push({
        path: at(i, "endsAt"),
        message: "This brownout has already ended; choose a window in the future.",
      });
  });
  const all = [...existing.map((w) => ({ w, index: -1 })), ...brownouts.map((w, index) => ({ w, index }))].sort(
    (a, b) => a.w.startsAt.getTime() - b.w.startsAt.getTime(),
  );
  for (let k = 1; k < all.length; k++) {
    const prev = all[k - 1]!;
    const cur = all[k]!;
    if (cur.w.startsAt.getTime() >= prev.w.endsAt.getTime()) continue;
    const index = cur.index >= 0 ? cur.index : prev.index;
    if (index < 0) continue;
    issues.push({
      path: at(index, "startsAt"),
      message: `Brownouts must not overlap: this one overlaps ${fmt(prev.w.startsAt)} – ${fmt(prev.w.endsAt)}.`,
    });
  }
  if (existing.length + brownouts.length > MAX_BROWNOUTS)
    issues.push({ path: path || "startsAt", message: `A retirement holds at most ${MAX_BROWNOUTS} brownouts.` });
  return issues;
}

/** The issues as the action client's field errors (one list per field path). */
export function toFieldErrors(issues: TScheduleIssue[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) (out[issue.path] ??= []).push(issue.message);
  return out;
}

const addIssues = (issues: TScheduleIssue[], ctx: z.RefinementCtx) => {
  for (const issue of issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path.split(".") });
};

export const ZSubjectRef = z.object({
  kind: z.enum(RETIREMENT_SUBJECT_KINDS, { error: "Choose a flow or an interface." }),
  id,
});
export type TSubjectRef = z.infer<typeof ZSubjectRef>;

export const ZDeprecateInput = z
  .object({
    subjectKind: z.enum(RETIREMENT_SUBJECT_KINDS, { error: "Choose a flow or an interface." }),
    subjectId: id,
    reason: z.string().trim().min(3, "Say why it is being retired (at least 3 characters).").max(4000),
    replacement: z.string().trim().max(500).default(""),
    sunsetAt: date("the sunset"),
    quietDays: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "Enter the quiet period in days." })
        .int("Enter whole days.")
        .min(1, "Require at least 1 day without traffic.")
        .max(MAX_QUIET_DAYS, `At most ${MAX_QUIET_DAYS} days.`)
        .default(DEFAULT_QUIET_DAYS),
    ),
    brownouts: z.preprocess(
      jsonArray,
      z.array(ZBrownoutWindow).max(MAX_BROWNOUTS, `At most ${MAX_BROWNOUTS} brownouts.`).default([]),
    ),
  })
  .superRefine((v, ctx) => addIssues(scheduleIssues({ sunsetAt: v.sunsetAt, brownouts: v.brownouts }), ctx));
export type TDeprecateInput = z.input<typeof ZDeprecateInput>;

export const ZRetirementId = z.object({ retirementId: id });

export const ZAddBrownout = z
  .object({ retirementId: id, ...ZBrownoutWindow.shape })
  // The sunset and the other windows are checked by the service, which loads them.
  .superRefine((v, ctx) => addIssues(scheduleIssues({ sunsetAt: null, brownouts: [v], path: "" }), ctx));

export const ZRemoveBrownout = z.object({ retirementId: id, brownoutId: id });

export const ZRescheduleSunset = z.object({ retirementId: id, sunsetAt: date("the sunset") });

export const ZCancelRetirement = z.object({
  retirementId: id,
  reason: z.string().trim().max(2000).default(""),
});

export const ZRetireInput = z.object({
  retirementId: id,
  waiverChangeId: z.preprocess(emptyToUndefined, id.optional()),
});
export type TRetireInput = z.input<typeof ZRetireInput>;

const csv = (v: unknown) => (typeof v === "string" ? v.split(",").filter(Boolean) : v);

export const ZListRetirements = z.object({
  page: ZListQuery.shape.page,
  pageSize: ZListQuery.shape.pageSize,
  status: z.preprocess(csv, z.array(z.enum(RETIREMENT_STATUSES)).default([])),
  subjectKind: z.preprocess(emptyToUndefined, z.enum(RETIREMENT_SUBJECT_KINDS).optional()),
  q: ZListQuery.shape.q,
});
export type TListRetirements = z.input<typeof ZListRetirements>;
