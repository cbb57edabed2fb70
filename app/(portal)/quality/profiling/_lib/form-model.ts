import {
  DEFAULT_PROFILE_THRESHOLDS,
  type TProfileDefinitionDetail,
  type TProfileThresholds,
} from "@/lib/services/quality/profiling/types";
import type { TProfileForm } from "./schema";

/** The form's editable state: every number as the text in its input, thresholds in percent. */
export type TFormState = {
  id?: string;
  name: string;
  description: string;
  targetKind: "stream" | "sql";
  flowId: string;
  environmentId: string;
  stepId: string;
  sqlTable: string;
  sqlConnection: string;
  scheduleKind: "interval" | "cron";
  intervalMinutes: string;
  cron: string;
  baselineRuns: string;
  thresholds: Record<keyof TProfileThresholds, string>;
  bounds: { key: number; column: string; min: string; max: string; minLength: string; maxLength: string }[];
  enabled: boolean;
};

const text = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));
const pct = (fraction: number) => String(Math.round(fraction * 10000) / 100);

export function emptyFormState(): TFormState {
  return {
    name: "",
    description: "",
    targetKind: "stream",
    flowId: "",
    environmentId: "",
    stepId: "",
    sqlTable: "",
    sqlConnection: "",
    scheduleKind: "interval",
    intervalMinutes: "60",
    cron: "",
    baselineRuns: "7",
    thresholds: {
      nullRateJump: pct(DEFAULT_PROFILE_THRESHOLDS.nullRateJump),
      volumeDrop: pct(DEFAULT_PROFILE_THRESHOLDS.volumeDrop),
      outOfRangeGrowth: pct(DEFAULT_PROFILE_THRESHOLDS.outOfRangeGrowth),
    },
    bounds: [],
    enabled: true,
  };
}

export function formStateOf(d: TProfileDefinitionDetail["definition"]): TFormState {
  const t = { ...DEFAULT_PROFILE_THRESHOLDS, ...d.thresholds };
  return {
    id: d.id,
    name: d.name,
    description: d.description ?? "",
    targetKind: d.targetKind,
    flowId: d.flowId ?? "",
    environmentId: d.environmentId ?? "",
    stepId: d.stepId ?? "",
    sqlTable: d.sqlTable ?? "",
    sqlConnection: d.sqlConnection ?? "",
    scheduleKind: d.scheduleKind,
    intervalMinutes: text(d.intervalMinutes),
    cron: d.cron ?? "",
    baselineRuns: text(d.baselineRuns ?? 7),
    thresholds: {
      nullRateJump: pct(t.nullRateJump),
      volumeDrop: pct(t.volumeDrop),
      outOfRangeGrowth: pct(t.outOfRangeGrowth),
    },
    bounds: Object.entries(d.bounds ?? {}).map(([column, b], key) => ({
      key,
      column,
      min: text(b.min),
      max: text(b.max),
      minLength: text(b.minLength),
      maxLength: text(b.maxLength),
    })),
    enabled: d.enabled ?? true,
  };
}

/** What the save action is sent: the state without the rows' React keys. */
export function formPayload(s: TFormState): TProfileForm {
  return {
    ...(s.id ? { id: s.id } : {}),
    name: s.name,
    description: s.description,
    targetKind: s.targetKind,
    flowId: s.flowId,
    environmentId: s.environmentId,
    stepId: s.stepId,
    sqlTable: s.sqlTable,
    sqlConnection: s.sqlConnection,
    scheduleKind: s.scheduleKind,
    intervalMinutes: s.intervalMinutes,
    cron: s.cron,
    baselineRuns: s.baselineRuns,
    thresholds: s.thresholds,
    bounds: s.bounds.map(({ column, min, max, minLength, maxLength }) => ({ column, min, max, minLength, maxLength })),
    enabled: s.enabled,
  };
}

/**
 * Errors for one bound row: ours are keyed by row ("bounds.2.max"); the service, which sees bounds
 * keyed by column, may answer "bounds.amount.max". Both land on the row.
 */
export function boundRowErrors(
  errors: Record<string, string[] | undefined> | undefined,
  index: number,
  column: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!errors) return out;
  for (const prefix of [`bounds.${index}.`, column ? `bounds.${column}.` : null]) {
    if (!prefix) continue;
    for (const [path, messages] of Object.entries(errors))
      if (path.startsWith(prefix) && messages) (out[path.slice(prefix.length)] ??= []).push(...messages);
  }
  return out;
}
