import type { TFlowSpec } from "@/lib/validation/flow-spec";
import { sharedEvaluator } from "@/lib/engine/sandbox/evaluator";
import type { Evaluator } from "./contracts";
import { PermanentError } from "./errors";
import type { Message } from "./message";

/**
 * Variables every user expression can read besides the body: `$headers`, `$failed`, `$error`,
 * `$failedStep`, `$id`, `$correlationId`, `$type`, `$source`.
 */
export function messageBindings(msg: Message): Record<string, unknown> {
  return {
    headers: msg.headers,
    failed: msg.error !== undefined,
    error: msg.error?.error,
    failedStep: msg.error?.failedStep,
    id: msg.id,
    correlationId: msg.correlationId,
    type: msg.type,
    source: msg.source,
  };
}

/**
 * The flow's idempotency key for a message (policy.idempotencyKey evaluated on the body), or
 * undefined when the flow has none. The runtime's idempotent sink records it once per key.
 */
export async function idempotencyKeyOf(
  spec: TFlowSpec,
  msg: Message,
  evaluator: Evaluator = sharedEvaluator(),
): Promise<string | undefined> {
  const expr = spec.policy.idempotencyKey;
  if (!expr) return undefined;
  const key = await evaluator.evaluate(expr, msg.body, messageBindings(msg));
  if (key === undefined || key === null || typeof key === "object") {
    throw new PermanentError(
      `idempotency key ${JSON.stringify(expr)} gave ${key === undefined ? "nothing" : "a non-scalar value"} for message ${msg.id}`,
    );
  }
  return String(key);
}
