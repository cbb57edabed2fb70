import "server-only";
import type { Tx } from "@/lib/db";
import { changeFailureSignal, lastChangeSignal } from "./change-signals";
import { deprecatedDependencySignal } from "./dependency-signals";
import { slaComplianceSignal } from "./sla-signal";
import { backlogSignal, deadLetterSignal, errorRateSignal, latencySignal } from "./traffic-signals";
import type { TSignal, TSignalSource, TSignalSubject } from "./types";

export { changeFailureRate, type TChangeFailureRate } from "./change-signals";
export { errorRateOf, p95Of, trafficWindow, type TTrafficWindow } from "./rollups";
export { healthScore } from "./score";
export type { TSignal, TSignalSource, TSignalSubject, TSignalTrend } from "./types";

/** Every signal, in the order people read them. A new module's signal is added here and nowhere else. */
export const SIGNAL_SOURCES: readonly TSignalSource[] = [
  errorRateSignal,
  latencySignal,
  deadLetterSignal,
  backlogSignal,
  lastChangeSignal,
  deprecatedDependencySignal,
  changeFailureSignal,
  slaComplianceSignal,
];

/** Reads the signals (all, or those named) for a subject at `now`. */
export async function readSignals(
  tx: Tx,
  subject: TSignalSubject,
  now: Date,
  keys?: readonly string[],
): Promise<TSignal[]> {
  const sources = keys ? SIGNAL_SOURCES.filter((s) => keys.includes(s.key)) : SIGNAL_SOURCES;
  const out: TSignal[] = [];
  // One at a time: inside an interactive transaction the client runs one query at a time anyway.
  for (const s of sources) out.push(await s.read(tx, subject, now));
  return out;
}
