import type { TRunResult } from "@/lib/engine/core/runner";
import type { Message } from "@/lib/engine/core/message";
import { AppError } from "@/lib/errors";

/** A finished request-response run as an HTTP answer: the flow's result, or the error the caller reads. */
export type TRunAnswer =
  | { ok: true; status: 200 | 204; body: unknown; headers: Record<string, string> }
  | { ok: false; error: AppError; extensions: Record<string, unknown>; headers: Record<string, string> };

/**
 * Shared by the flow gateway and the API gateway's flow backend. 200 with the last delivered body, 204
 * when the flow filtered the message out; a failure is MESSAGE_REJECTED when it is permanent (about the
 * message itself: schema, parse, a target's 4xx, so the caller reads why) and BAD_GATEWAY when it is
 * transient (about our targets, whose errors stay in the run's lineage).
 */
export function answerRun(r: TRunResult, msg: Message): TRunAnswer {
  const headers = { "x-run-id": r.runId, "x-message-id": msg.id, "x-correlation-id": msg.correlationId };
  if (r.status === "ok") {
    const last = r.delivered[r.delivered.length - 1]?.message;
    return { ok: true, status: 200, body: last ? last.body : null, headers };
  }
  if (r.status === "filtered") return { ok: true, status: 204, body: "", headers };
  const failure = r.deadLetters[0] ?? r.failures[0];
  const step = failure?.failedStep ? `Step ${failure.failedStep}` : "A step";
  const deadLettered = r.status === "dead_lettered";
  const outcomeText = deadLettered ? "the message was dead-lettered" : "the message was not delivered";
  const error =
    failure?.errorClass === "permanent"
      ? new AppError("MESSAGE_REJECTED", `${step} rejected the message: ${failure.error}; ${outcomeText}.`)
      : new AppError("BAD_GATEWAY", `${step} kept failing after the flow's retries; ${outcomeText}.`);
  return {
    ok: false,
    error,
    extensions: { id: msg.id, runId: r.runId, runStatus: r.status, failedStep: failure?.failedStep, deadLettered },
    headers,
  };
}
