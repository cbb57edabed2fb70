import { z } from "zod";

// Inputs of the SLA services and actions (pure: client components import the types).

const zId = z.string().trim().min(1).max(64);
// Form fields arrive as text: an empty one means "no objective", a checkbox is "on" when ticked.
const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);
const checkbox = (v: unknown) => v === true || v === "on" || v === "true";

export const ZSlaInput = z
  .object({
    interfaceId: zId,
    environmentId: zId,
    name: z.string().trim().min(1, "Give the SLA a name.").max(120),
    freshnessMaxAgeMinutes: z.preprocess(
      blankToNull,
      z.coerce
        .number({ error: "A number of minutes." })
        .int("Whole minutes, please.")
        .min(1, "At least 1 minute.")
        .max(60 * 24 * 30, "At most 30 days.")
        .nullable(),
    ),
    accuracyTargetPct: z.preprocess(
      blankToNull,
      z.coerce
        .number({ error: "A percentage from 0 to 100." })
        .min(0, "A percentage from 0 to 100.")
        .max(100, "A percentage from 0 to 100.")
        .nullable(),
    ),
    compliancePct: z.coerce.number().min(50, "At least 50%.").max(100, "At most 100%.").default(99),
    budgetPeriodDays: z.coerce.number().int().min(1, "At least 1 day.").max(365, "At most 365 days.").default(30),
    enabled: z.preprocess((v) => (v === undefined ? true : checkbox(v)), z.boolean()),
  })
  .refine((v) => v.freshnessMaxAgeMinutes !== null || v.accuracyTargetPct !== null, {
    message: "Set a freshness or an accuracy objective (or both).",
    path: ["freshnessMaxAgeMinutes"],
  });
export type TSlaInput = z.input<typeof ZSlaInput>;

export const ZSlaUpdate = z.object({ id: zId }).and(ZSlaInput);
export const ZSlaId = z.object({ id: zId });

export const SLA_OBJECTIVES = ["freshness", "accuracy"] as const;
