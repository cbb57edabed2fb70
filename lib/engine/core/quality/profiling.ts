// Where a profile step's records go: the engine's profiling service keeps one bounded, mergeable sketch
// per deployment and step and flushes it to Postgres every minute (lib/engine/runtime/quality/profiling.ts).
// Without it (a flow test) the step only passes messages on.

export type TProfileStepOptions = { maxColumns: number; exactDistinct: number };

export type ProfileSink = {
  add(stepId: string, records: readonly Record<string, unknown>[], options: TProfileStepOptions): void;
};
