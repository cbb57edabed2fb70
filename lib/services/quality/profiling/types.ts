// The profiling services' contract with the portal pages: plain, client-safe shapes (no Prisma, no
// server-only imports), so pages and charts can import them directly.
import type { TColumnProfile } from "@/lib/quality/profiling/summary";

export type TProfileTargetKind = "stream" | "sql";
export type TProfileRunStatus = "queued" | "running" | "succeeded" | "failed";
export type TProfileAnomalyKind =
  "null_rate_jump" | "new_format" | "new_pattern" | "type_drift" | "out_of_range_growth" | "volume_drop";

/** Fractions; a missing key falls back to DEFAULT_PROFILE_THRESHOLDS. */
export type TProfileThresholds = { nullRateJump: number; volumeDrop: number; outOfRangeGrowth: number };
export const DEFAULT_PROFILE_THRESHOLDS: TProfileThresholds = {
  nullRateJump: 0.1,
  volumeDrop: 0.5,
  outOfRangeGrowth: 0.05,
};

/** One row of /quality/profiling. */
export type TProfileDefinitionRow = {
  id: string;
  name: string;
  description: string;
  targetKind: TProfileTargetKind;
  /** "flow name · env" for a stream, the table (and connection name if any) for sql. */
  targetLabel: string;
  flowId: string | null;
  environmentKey: string | null;
  sqlTable: string | null;
  /** "every 60 min" or the cron expression with "UTC". */
  scheduleLabel: string;
  enabled: boolean;
  nextRunAt: string | null;
  lastRun: { id: string; status: TProfileRunStatus; finishedAt: string | null; rows: number } | null;
  /** Anomalies of the last successful run. */
  openAnomalies: number;
};

/** What the definition form edits (create when id is absent). */
export type TProfileDefinitionInput = {
  id?: string;
  name: string;
  description?: string;
  targetKind: TProfileTargetKind;
  flowId?: string | null;
  environmentId?: string | null;
  stepId?: string | null;
  sqlTable?: string | null;
  sqlConnection?: string | null;
  scheduleKind: "interval" | "cron";
  intervalMinutes?: number | null;
  cron?: string | null;
  bounds?: Record<string, { min?: number; max?: number; minLength?: number; maxLength?: number }>;
  baselineRuns?: number;
  thresholds?: Partial<TProfileThresholds>;
  enabled?: boolean;
};

export type TProfileRunRow = {
  id: string;
  status: TProfileRunStatus;
  trigger: "schedule" | "manual";
  windowStart: string | null;
  windowEnd: string | null;
  rowsDone: number;
  rowsTotal: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  anomalies: number;
};

export type TProfileAnomalyRow = {
  id: string;
  definitionId: string;
  definitionName: string;
  runId: string;
  kind: TProfileAnomalyKind;
  column: string | null;
  severity: "warning" | "critical";
  message: string;
  alertId: string | null;
  createdAt: string;
};

export type TProfileColumnRow = {
  name: string;
  type: string;
  nulls: number;
  nullRate: number;
  distinct: number;
  profile: TColumnProfile;
};

export type TProfileDefinitionDetail = {
  definition: TProfileDefinitionRow &
    TProfileDefinitionInput & {
      id: string;
      thresholds: TProfileThresholds;
      /** "Run now" asked for and not yet taken by the engine. */
      runRequestedAt: string | null;
    };
  /** The newest run (running or finished), for the progress bar. */
  latestRun: (TProfileRunRow & { columns: TProfileColumnRow[] }) | null;
  /** The column results of the newest successful run (shown while a newer run is still going). */
  results: { runId: string; finishedAt: string | null; columns: TProfileColumnRow[] } | null;
  baseline: { runs: number; rows: number; updatedAt: string } | null;
};

/** Trend per successful run, oldest first: volume and per-column null rate / distinct count. */
export type TProfileTrendPoint = {
  runId: string;
  at: string;
  rows: number;
  columns: Record<string, { nullRate: number; distinct: number; outOfRange: number }>;
};
