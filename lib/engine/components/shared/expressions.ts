import type { EngineDeps, Evaluator } from "@/lib/engine/core/contracts";
import { messageBindings } from "@/lib/engine/core/idempotency";
import type { Message } from "@/lib/engine/core/message";
import { sharedEvaluator } from "@/lib/engine/sandbox/evaluator";

export { messageBindings };

export function evaluatorOf(deps: EngineDeps): Evaluator {
  return deps.evaluator ?? sharedEvaluator();
}

/** Evaluates `expression` against the message body with the message bindings. */
export function evaluateOnMessage(deps: EngineDeps, expression: string, msg: Message): Promise<unknown> {
  return evaluatorOf(deps).evaluate(expression, msg.body, messageBindings(msg));
}
