import type { Tx } from "@/lib/db";

/** What a signal is read for: one or more flows (an integration, a change's items) in one environment. */
export type TSignalSubject = { flowIds: string[]; environmentId: string };

export type TSignalTrend = "improving" | "worsening" | "steady";

/**
 * One reading. score is 0–100 with 100 healthy, so every consumer (health assessments, CAB risk, the
 * executive dashboard) can weigh signals alike; value null means nothing to measure (no traffic yet),
 * and such a signal does not count toward a score.
 */
export type TSignal = {
  key: string;
  label: string;
  value: number | null;
  unit: string;
  score: number;
  weight: number;
  detail: string;
  trend: TSignalTrend | null;
};

/** A signal source. Later modules (SLA compliance, secret age, drill results) add theirs to SIGNAL_SOURCES. */
export type TSignalSource = {
  key: string;
  label: string;
  weight: number;
  read(tx: Tx, subject: TSignalSubject, now: Date): Promise<TSignal>;
};
