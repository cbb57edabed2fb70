// What the validate_rules step needs from the host: the rule set deployed in the run's environment,
// and a durable quarantine for every record that fails it (the runtime's is Postgres).
import type { TRuleCheckReport } from "@/lib/quality/rules/observer";

/** A deployed rule-set version as the engine loaded it; `document` is the version's content (lib/quality/rules). */
export type TDeployedRuleSet = {
  key: string;
  versionId: string;
  version: number;
  contentHash: string;
  document: unknown;
};

export type RuleSetSource = {
  /** The version of rule set `key` deployed in the run's environment, or null when none is. */
  get(key: string): Promise<TDeployedRuleSet | null>;
  /** Counts and samples what a validate step checked (the runtime batches the writes; not awaited). */
  recordChecks?(report: TRuleCheckReport): void;
};

export type TViolation = { ruleId: string; field: string; value: unknown; message: string };

/** One failing record: what failed, where it came from, and enough to resubmit it after the validate step. */
export type TQuarantineEntry = {
  stepId: string;
  ruleSetKey: string;
  ruleSetVersionId: string;
  /** The message the record travelled in, its correlation id, and the run's input message (lineage). */
  messageId: string;
  correlationId: string;
  inputId: string;
  /** Position of the record in the message (0 when the body is one record). */
  recordIndex: number;
  record: unknown;
  violations: TViolation[];
  headers: Record<string, string>;
};

export type QuarantineSink = {
  /** Resolves once every entry is durable; rejects otherwise (the input is then redelivered). */
  put(entries: TQuarantineEntry[]): Promise<void>;
};
