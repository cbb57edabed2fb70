import { z } from "zod";

// API plans (rate limits and quotas), consumers (calling applications) and their keys. Shared by the
// portal's forms, server actions, services and the seed. Plain code: client components use it too.

export const API_KEY_ENVIRONMENTS = ["dev", "test", "prod"] as const;
export type TApiKeyEnvironment = (typeof API_KEY_ENVIRONMENTS)[number];

const blankToNull = (v: unknown) => (v === "" || v === undefined || v === null ? null : v);
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
/** FormData sends one value as a string and several as an array; a textarea sends lines or commas. */
const toList = (v: unknown): unknown => {
  if (v === undefined || v === null || v === "") return [];
  const items = Array.isArray(v) ? v : [v];
  return items
    .flatMap((item) => (typeof item === "string" ? item.split(/[\n,]/) : [item]))
    .map((item) => (typeof item === "string" ? item.trim() : item))
    .filter((item) => item !== "");
};

const id = z.string().trim().min(1, "Required.").max(64);
export const ZApiSlug = z
  .string()
  .trim()
  .min(2, "Use at least 2 characters.")
  .max(60, "Use at most 60 characters.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single hyphens, e.g. “partner-portal”.");

/** A positive whole number, or null (the field left empty) for "no limit of this kind". */
const limit = (what: string) =>
  z.preprocess(
    blankToNull,
    z.coerce
      .number({ error: `Enter ${what} as a number, or leave it empty for no limit.` })
      .int("Use a whole number.")
      .min(1, "At least 1; leave it empty for no limit.")
      .max(1_000_000_000, "At most 1,000,000,000.")
      .nullable(),
  );

const ZPlanFields = z.object({
  key: ZApiSlug,
  name: z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters."),
  description: z.string().trim().max(2000, "Use at most 2000 characters.").default(""),
  ratePerSecond: z.preprocess(
    blankToNull,
    z.coerce
      .number({ error: "Enter requests per second as a number, or leave it empty for no rate limit." })
      .positive("More than 0; leave it empty for no rate limit.")
      .max(1_000_000, "At most 1,000,000 per second.")
      .nullable(),
  ),
  burst: limit("the burst"),
  perMinute: limit("the calls per minute"),
  perDay: limit("the calls per day"),
  perMonth: limit("the calls per month"),
});

/** A token bucket needs both its refill rate and its capacity; quotas must not contradict each other. */
function checkPlan(plan: z.infer<typeof ZPlanFields>, ctx: z.RefinementCtx): void {
  if (plan.ratePerSecond !== null && plan.burst === null) {
    ctx.addIssue({ code: "custom", path: ["burst"], message: "Set a burst of at least 1 when a rate is set." });
  }
  if (plan.burst !== null && plan.ratePerSecond === null) {
    ctx.addIssue({ code: "custom", path: ["ratePerSecond"], message: "Set the rate that refills the burst." });
  }
  if (plan.ratePerSecond !== null && plan.burst !== null && plan.burst < plan.ratePerSecond) {
    ctx.addIssue({
      code: "custom",
      path: ["burst"],
      message: "The burst must hold at least one second of the rate (burst ≥ requests per second).",
    });
  }
  const windows = [
    ["perMinute", plan.perMinute, "per minute"],
    ["perDay", plan.perDay, "per day"],
    ["perMonth", plan.perMonth, "per month"],
  ] as const;
  for (let i = 0; i < windows.length; i++) {
    for (let j = i + 1; j < windows.length; j++) {
      const [, small, smallLabel] = windows[i];
      const [field, large, largeLabel] = windows[j];
      if (small !== null && large !== null && large < small) {
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `The ${largeLabel} quota is below the ${smallLabel} one (${small.toLocaleString("en-US")}); raise it or clear it.`,
        });
      }
    }
  }
}

export const ZPlanInput = ZPlanFields.superRefine(checkPlan);
export type TPlanInput = z.infer<typeof ZPlanInput>;

export const ZSavePlanInput = ZPlanFields.extend({ id: z.preprocess(blankToUndefined, id.optional()) }).superRefine(
  checkPlan,
);
export type TSavePlanInput = z.infer<typeof ZSavePlanInput>;

export const ZApiIdInput = z.object({ id });
export type TApiIdInput = z.infer<typeof ZApiIdInput>;

const jwtSubjects = z.preprocess(
  toList,
  z
    .array(z.string().max(255, "A subject is at most 255 characters."))
    .max(50, "At most 50 subjects.")
    .transform((subs) => [...new Set(subs)]),
);

const ZConsumerFields = z.object({
  key: ZApiSlug,
  name: z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters."),
  contactEmail: z.preprocess(
    (v) => (v === undefined || v === null ? "" : v),
    z
      .string()
      .trim()
      .max(254)
      .refine((v) => v === "" || z.email().safeParse(v).success, "Enter a valid email address, or leave it empty."),
  ),
  systemId: z.preprocess(blankToNull, id.nullable()),
  planId: id.refine(Boolean, "Choose a plan."),
  latencyToleranceMs: z.preprocess(
    blankToNull,
    z.coerce
      .number({ error: "Enter the tolerance in milliseconds, or leave it empty." })
      .int("Use whole milliseconds.")
      .min(1, "At least 1 ms.")
      .max(86_400_000, "At most a day (86,400,000 ms).")
      .nullable(),
  ),
  jwtSubjects,
});

export const ZConsumerInput = ZConsumerFields;
export type TConsumerInput = z.infer<typeof ZConsumerInput>;

export const ZSaveConsumerInput = ZConsumerFields.extend({ id: z.preprocess(blankToUndefined, id.optional()) });
export type TSaveConsumerInput = z.infer<typeof ZSaveConsumerInput>;

export const ZSetConsumerDisabledInput = z.object({ id, disabled: z.boolean() });
export type TSetConsumerDisabledInput = z.infer<typeof ZSetConsumerDisabledInput>;

export const ZIssueKeyInput = z.object({
  consumerId: id,
  environment: z.enum(API_KEY_ENVIRONMENTS, { error: "Choose dev, test or prod." }),
  apiVersionIds: z.preprocess(
    toList,
    z
      .array(id)
      .min(1, "Choose at least one API version the key may call.")
      .max(100)
      .transform((ids) => [...new Set(ids)]),
  ),
  label: z.string().trim().max(120, "Use at most 120 characters.").default(""),
  expiresAt: z.preprocess(
    blankToNull,
    z.coerce
      .date({ error: "Enter the expiry as a date." })
      .refine((d) => !Number.isNaN(d.getTime()), "Enter the expiry as a date.")
      .nullable(),
  ),
});
export type TIssueKeyInput = z.input<typeof ZIssueKeyInput>;

export const ZRevokeKeyInput = z.object({ id });

/** "50 req/s, bursts of 100; 10,000 per day": what a plan allows, for lists and pickers. */
export function describePlanLimits(plan: {
  ratePerSecond: number | null;
  burst: number | null;
  perMinute: number | null;
  perDay: number | null;
  perMonth: number | null;
}): string {
  const n = (v: number) => v.toLocaleString("en-US");
  const rate =
    plan.ratePerSecond !== null
      ? `${n(plan.ratePerSecond)} req/s${plan.burst !== null ? `, bursts of ${n(plan.burst)}` : ""}`
      : null;
  const quotas = [
    plan.perMinute !== null ? `${n(plan.perMinute)} per minute` : null,
    plan.perDay !== null ? `${n(plan.perDay)} per day` : null,
    plan.perMonth !== null ? `${n(plan.perMonth)} per month` : null,
  ].filter((q): q is string => q !== null);
  if (!rate && quotas.length === 0) return "No limits";
  return [rate, quotas.join(", ")].filter(Boolean).join("; ");
}

/** A key's state on a given date: revoked wins over expired. */
export function keyStatus(
  key: { revokedAt: Date | string | null; expiresAt: Date | string | null },
  now = new Date(),
): "active" | "expired" | "revoked" {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now.getTime()) return "expired";
  return "active";
}
