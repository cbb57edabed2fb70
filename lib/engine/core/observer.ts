import type { Message } from "./message";
import type { TAttempt } from "./retry";

export type TStepOutcome = "ok" | "filtered" | "failed" | "skipped" | "dead_lettered" | "unrouted";

export type TStepEvent = {
  runId: string;
  flow: string;
  correlationId: string;
  /** The message that entered the step. */
  messageId: string;
  stepId: string;
  stepKind: "step" | "output";
  use: string;
  outcome: TStepOutcome;
  attempts: number;
  durationMs: number;
  /** When the step (or output) began, epoch ms: for the journey's timeline. */
  startedAt: number;
  /** What the step produced (steps) or wrote (outputs); empty when filtered or failed. */
  messages: Message[];
  error?: string;
  errorClass?: "permanent" | "transient";
};

/** A message that exhausted its retries. `originalMessage` is the message as it entered the flow. */
export type TDeadLetter = {
  flow: string;
  runId: string;
  originalMessage: Message;
  /** The message as it was when it failed (after earlier transforms). */
  failedMessage: Message;
  failedStep: string;
  error: string;
  errorClass: "permanent" | "transient";
  attempts: TAttempt[];
  deadLetteredAt: string;
};

/** The runtime implements this to persist lineage, metrics and the DLQ; all callbacks are optional. */
export type RunObserver = {
  onStep?(event: TStepEvent): void | Promise<void>;
  onDeadLetter?(record: TDeadLetter): void | Promise<void>;
};
