import { Cron } from "croner";
import { z } from "zod";
import { ZListQuery } from "@/lib/validation/list";

// Inputs of the profiling services and actions (pure: forms may import it too).

const zId = z.string().trim().min(1).max(64);
// Form fields arrive as text: an empty one means "not set", a checkbox is "on" when ticked.
const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);
const checkbox = (v: unknown) => v === true || v === "on" || v === "true";
const json = (v: unknown) => {
  if (typeof v !== "string") return v;
  if (!v.trim()) return undefined;
  try {
    return JSON.parse(v);
  } catch {
    return v; // the schema then says what is wrong
  }
};

const IDENT = "[A-Za-z_][A-Za-z0-9_]{0,62}";
/** `table` or `schema.table`, plain identifiers only: they are validated, then each part is double-quoted. */
export const SQL_TABLE = new RegExp(`^${IDENT}(\\.${IDENT})?$`);
const PLACEHOLDER = /^\$\{(vars|secrets)\.[A-Za-z_][A-Za-z0-9_]*\}$/;

/** Runs at most every 5 minutes: a profile is a summary, not a monitor, and a table scan is not free. */
export const MIN_INTERVAL_MINUTES = 5;
export const MAX_INTERVAL_MINUTES = 7 * 24 * 60;

/** The cron's problem in words, or null when it is a valid five-field expression at least 5 minutes apart. */
export function cronProblem(expr: string): string | null {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) return "Use five fields: minute hour day-of-month month day-of-week (UTC).";
  let cron: Cron;
  try {
    cron = new Cron(expr, { timezone: "UTC", paused: true });
  } catch (e) {
    return `Not a valid cron expression${e instanceof Error ? `: ${e.message.replace(/^CronPattern: /, "")}` : ""}.`;
  }
  const [a, b] = cron.nextRuns(2, new Date(Date.UTC(2030, 0, 1)));
  if (!a) return "This cron expression never runs.";
  if (b && b.getTime() - a.getTime() < MIN_INTERVAL_MINUTES * 60_000)
    return `Runs must be at least ${MIN_INTERVAL_MINUTES} minutes apart.`;
  return null;
}

const zFraction = (what: string) =>
  z.coerce
    .number({ error: `${what}: a fraction from 0 to 1.` })
    .min(0.001, `${what}: above 0.`)
    .max(1, `${what}: at most 1.`);

const ZBound = z
  .object({
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(0).optional(),
  })
  .strict();

export const ZProfileDefinitionInput = z
  .object({
    id: z.preprocess(blankToNull, zId.nullable()).optional(),
    name: z.string().trim().min(1, "Give the profile a name.").max(120),
    description: z.string().trim().max(2000).default(""),
    targetKind: z.enum(["stream", "sql"], { error: "Profile a flow's messages or a table." }),
    flowId: z.preprocess(blankToNull, zId.nullable()).default(null),
    environmentId: z.preprocess(blankToNull, zId.nullable()).default(null),
    stepId: z.preprocess(blankToNull, z.string().trim().max(64).nullable()).default(null),
    sqlTable: z
      .preprocess(
        blankToNull,
        z
          .string()
          .trim()
          .max(127)
          .regex(SQL_TABLE, "A table name such as customers or public.customers (letters, digits, _).")
          .nullable(),
      )
      .default(null),
    sqlConnection: z
      .preprocess(
        blankToNull,
        z
          .string()
          .trim()
          .max(2000)
          .refine((v) => PLACEHOLDER.test(v) || isPostgresUrl(v), {
            message: "A postgres:// connection URL, or ${secrets.NAME} / ${vars.NAME} of the environment.",
          })
          .nullable(),
      )
      .default(null),
    scheduleKind: z.enum(["interval", "cron"]).default("interval"),
    intervalMinutes: z
      .preprocess(
        blankToNull,
        z.coerce
          .number({ error: "A number of minutes." })
          .int("Whole minutes, please.")
          .min(MIN_INTERVAL_MINUTES, `At least ${MIN_INTERVAL_MINUTES} minutes.`)
          .max(MAX_INTERVAL_MINUTES, "At most 7 days.")
          .nullable(),
      )
      .default(null),
    cron: z.preprocess(blankToNull, z.string().trim().max(120).nullable()).default(null),
    bounds: z.preprocess(json, z.record(z.string().min(1).max(200), ZBound).default({})),
    baselineRuns: z.coerce.number().int().min(2, "At least 2 runs.").max(100, "At most 100 runs.").default(7),
    thresholds: z.preprocess(
      json,
      z
        .object({
          nullRateJump: zFraction("Null-rate jump").optional(),
          volumeDrop: zFraction("Volume drop").optional(),
          outOfRangeGrowth: zFraction("Out-of-range growth").optional(),
        })
        .strict()
        .default({}),
    ),
    enabled: z.preprocess((v) => (v === undefined ? true : checkbox(v)), z.boolean()),
  })
  .superRefine((v, ctx) => {
    const need = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (v.targetKind === "stream") {
      if (!v.flowId) need("flowId", "Choose the flow whose messages are profiled.");
      if (!v.environmentId) need("environmentId", "Choose the environment.");
    } else {
      if (!v.sqlTable) need("sqlTable", "Name the table to profile.");
      if (v.flowId && !v.environmentId) need("environmentId", "Choose the environment of the flow's deployment.");
      if (v.sqlConnection && PLACEHOLDER.test(v.sqlConnection) && !v.environmentId)
        need("environmentId", "Choose the environment whose variables and secrets the connection reads.");
    }
    if (v.scheduleKind === "interval") {
      if (v.intervalMinutes === null) need("intervalMinutes", "How often, in minutes.");
    } else if (!v.cron) need("cron", "A cron expression, e.g. 0 3 * * * (03:00 UTC daily).");
    else {
      const problem = cronProblem(v.cron);
      if (problem) need("cron", problem);
    }
    for (const [col, b] of Object.entries(v.bounds))
      if (
        (b.min !== undefined && b.max !== undefined && b.min > b.max) ||
        (b.minLength !== undefined && b.maxLength !== undefined && b.minLength > b.maxLength)
      )
        need("bounds", `Bounds of ${col}: the minimum is above the maximum.`);
  })
  .transform((v) => ({
    ...v,
    // Only what the target kind uses is stored.
    stepId: v.targetKind === "stream" ? v.stepId : null,
    sqlTable: v.targetKind === "sql" ? v.sqlTable : null,
    sqlConnection: v.targetKind === "sql" ? v.sqlConnection : null,
    intervalMinutes: v.scheduleKind === "interval" ? v.intervalMinutes : null,
    cron: v.scheduleKind === "cron" ? v.cron : null,
  }));
export type TProfileDefinitionParsed = z.output<typeof ZProfileDefinitionInput>;

function isPostgresUrl(v: string): boolean {
  if (!/^postgres(ql)?:\/\//.test(v)) return false;
  try {
    return Boolean(new URL(v).hostname);
  } catch {
    return false;
  }
}

export const ZProfileId = z.object({ id: zId });

export const ZProfileRunsQuery = z.object({
  definitionId: zId,
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const ZProfileTrendQuery = z.object({
  definitionId: zId,
  runs: z.coerce.number().int().min(2).max(200).default(30),
});

export { ZListQuery };
