import { Cron } from "croner";
import { z } from "zod";
import {
  cronProblem,
  MAX_INTERVAL_MINUTES,
  MIN_INTERVAL_MINUTES,
  SQL_TABLE,
} from "@/lib/services/quality/profiling/schema";
import type { TProfileDefinitionInput } from "@/lib/services/quality/profiling/types";

// What the profile form sends (pure: the form imports the types). It is in the form's own units,
// thresholds in percent and bounds as rows, so every error names a field the user can see
// ("bounds.2.max", "thresholds.volumeDrop"); the transform turns it into the service's input
// (fractions, bounds keyed by column), which the service checks again.

const zId = z.string().trim().min(1).max(100);
const blank = (v: unknown) => (v === "" || v === undefined ? null : v);
const optionalId = z.preprocess(blank, zId.nullable());
const optionalNumber = (error: string) =>
  z.preprocess(blank, z.coerce.number({ error }).refine(Number.isFinite, error).nullable());
const percent = z.preprocess(
  blank,
  z.coerce
    .number({ error: "A percentage above 0, at most 100." })
    .min(0.1, "At least 0.1%.")
    .max(100, "At most 100%.")
    .nullable(),
);
const length = z.preprocess(
  blank,
  z.coerce.number({ error: "A whole number of characters." }).int("A whole number of characters.").min(0).nullable(),
);

const PLACEHOLDER = /^\$\{(vars|secrets)\.[A-Za-z_][A-Za-z0-9_]*\}$/;

/** Runs a refinement when the object parsed and none of `keys` has an issue. */
function whenParsed(...keys: string[]) {
  return {
    when: (payload: { value: unknown; issues: readonly { path?: readonly PropertyKey[] }[] }) =>
      typeof payload.value === "object" &&
      payload.value !== null &&
      !payload.issues.some((issue) => keys.includes(String(issue.path?.[0]))),
  };
}

export const ZBoundRow = z.object({
  column: z.string().trim().min(1, "Name the column (a dotted path for nested fields).").max(200),
  min: optionalNumber("A number, or leave it empty."),
  max: optionalNumber("A number, or leave it empty."),
  minLength: length,
  maxLength: length,
});
export type TBoundRow = z.input<typeof ZBoundRow>;

export const ZProfileForm = z
  .object({
    id: zId.optional(),
    name: z.string().trim().min(1, "Name the profile.").max(120, "At most 120 characters."),
    description: z.string().trim().max(2000, "At most 2,000 characters.").default(""),
    targetKind: z.enum(["stream", "sql"], { error: "Choose what to profile." }),
    flowId: optionalId,
    environmentId: optionalId,
    stepId: optionalId,
    sqlTable: z.preprocess(
      blank,
      z
        .string()
        .trim()
        .max(127)
        .regex(SQL_TABLE, "A table name such as customers or public.customers (letters, digits, _).")
        .nullable(),
    ),
    sqlConnection: z.preprocess(
      blank,
      z
        .string()
        .trim()
        .max(2000)
        .refine((v) => PLACEHOLDER.test(v) || /^postgres(ql)?:\/\/[^/]/.test(v), {
          message: "A postgres:// connection URL, or ${secrets.NAME} / ${vars.NAME} of the environment.",
        })
        .nullable(),
    ),
    scheduleKind: z.enum(["interval", "cron"], { error: "Choose a schedule." }),
    intervalMinutes: z.preprocess(
      blank,
      z.coerce
        .number({ error: "Whole minutes, e.g. 60." })
        .int("Whole minutes, e.g. 60.")
        .min(MIN_INTERVAL_MINUTES, `At least ${MIN_INTERVAL_MINUTES} minutes.`)
        .max(MAX_INTERVAL_MINUTES, "At most 7 days.")
        .nullable(),
    ),
    cron: z.preprocess(blank, z.string().trim().max(120).nullable()),
    baselineRuns: z.coerce
      .number({ error: "A whole number of runs." })
      .int("A whole number of runs.")
      .min(2, "At least 2 runs.")
      .max(100, "At most 100 runs."),
    thresholds: z.object({ nullRateJump: percent, volumeDrop: percent, outOfRangeGrowth: percent }),
    bounds: z.array(ZBoundRow).max(200, "At most 200 columns with bounds.").default([]),
    enabled: z.boolean().default(true),
  })
  // Each cross-field check runs once its own fields parsed, even while others fail, so one submit
  // shows every problem (a plain refine waits for the whole object).
  .superRefine(
    (v, ctx) => {
      const need = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      if (v.targetKind === "stream") {
        if (!v.flowId) need("flowId", "Choose the flow whose messages are profiled.");
        if (!v.environmentId) need("environmentId", "Choose the environment.");
      } else {
        if (!v.sqlTable) need("sqlTable", "Name the table, e.g. public.customers.");
        if (v.flowId && !v.environmentId) need("environmentId", "Choose the environment of the flow's deployment.");
        if (v.sqlConnection && PLACEHOLDER.test(v.sqlConnection) && !v.environmentId)
          need("environmentId", "Choose the environment whose variables and secrets the connection reads.");
      }
    },
    whenParsed("targetKind", "flowId", "environmentId", "sqlTable", "sqlConnection"),
  )
  .superRefine(
    (v, ctx) => {
      const need = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      if (v.scheduleKind === "interval") {
        if (v.intervalMinutes === null) need("intervalMinutes", "How often, in minutes, e.g. 60.");
      } else if (!v.cron) need("cron", "A cron expression, e.g. 0 6 * * * (06:00 UTC daily).");
      else {
        const problem = cronProblem(v.cron);
        if (problem) need("cron", problem);
      }
    },
    whenParsed("scheduleKind", "intervalMinutes", "cron"),
  )
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.bounds.forEach((b, i) => {
      const at = (field: string, message: string) =>
        ctx.addIssue({ code: "custom", path: ["bounds", i, field], message });
      if (seen.has(b.column)) at("column", "This column already has bounds.");
      seen.add(b.column);
      if (b.min !== null && b.max !== null && b.min > b.max) at("max", "The maximum is below the minimum.");
      if (b.minLength !== null && b.maxLength !== null && b.minLength > b.maxLength)
        at("maxLength", "The maximum length is below the minimum.");
      if (b.min === null && b.max === null && b.minLength === null && b.maxLength === null)
        at("min", "Set at least one bound, or remove the row.");
    });
  }, whenParsed("bounds"))
  .transform((v): TProfileDefinitionInput => {
    const isStream = v.targetKind === "stream";
    const isInterval = v.scheduleKind === "interval";
    const fraction = (pct: number | null) => (pct === null ? undefined : Math.round(pct * 100) / 10000);
    const thresholds: TProfileDefinitionInput["thresholds"] = {};
    for (const key of ["nullRateJump", "volumeDrop", "outOfRangeGrowth"] as const) {
      const f = fraction(v.thresholds[key]);
      if (f !== undefined) thresholds[key] = f;
    }
    const bounds: NonNullable<TProfileDefinitionInput["bounds"]> = {};
    for (const b of v.bounds) {
      const bound: (typeof bounds)[string] = {};
      if (b.min !== null) bound.min = b.min;
      if (b.max !== null) bound.max = b.max;
      if (b.minLength !== null) bound.minLength = b.minLength;
      if (b.maxLength !== null) bound.maxLength = b.maxLength;
      bounds[b.column] = bound;
    }
    return {
      ...(v.id ? { id: v.id } : {}),
      name: v.name,
      description: v.description,
      targetKind: v.targetKind,
      // A table is reached through a flow's poll_sql input (its deployment in that environment) or a
      // connection, whose ${vars.…} / ${secrets.…} come from the environment.
      flowId: v.flowId,
      environmentId: v.environmentId,
      stepId: isStream ? v.stepId : null,
      sqlTable: isStream ? null : v.sqlTable,
      sqlConnection: isStream ? null : v.sqlConnection,
      scheduleKind: v.scheduleKind,
      intervalMinutes: isInterval ? v.intervalMinutes : null,
      cron: isInterval ? null : v.cron,
      bounds,
      baselineRuns: v.baselineRuns,
      thresholds,
      enabled: v.enabled,
    };
  });
export type TProfileForm = z.input<typeof ZProfileForm>;

/** The next few times a cron expression fires (UTC), for the form's preview; [] when invalid. */
export function nextCronRuns(expression: string, n = 3, from = new Date()): string[] {
  try {
    const job = new Cron(expression, { paused: true, timezone: "UTC" });
    const runs = job.nextRuns(n, from).map((d) => d.toISOString());
    job.stop();
    return runs;
  } catch {
    return [];
  }
}

export const ZProfileId = z.object({ id: zId });
