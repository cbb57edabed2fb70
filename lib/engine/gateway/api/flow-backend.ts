import type { IncomingMessage } from "node:http";
import type { TLog } from "@/lib/engine/runtime/context";
import type { DeploymentWorker } from "@/lib/engine/runtime/worker";
import { AppError } from "@/lib/errors";
import { BadRequestError, requestToMessage } from "../request";
import { answerRun } from "../run-outcome";
import type { TBackendReply } from "./contracts";
import { ReplyError } from "./reply-error";

export type TFlowCall = {
  req: IncomingMessage;
  raw: Buffer;
  /** The request path on the API gateway, as the message's route. */
  path: string;
  search: string;
  operation: string;
  requestId: string;
  traceparent: string;
  consumerKey: string;
};

/** Finds the worker of a flow in an environment (the engine runtime). */
export type TFlowWorkers = { findWorker(flowName: string, envKey: string): DeploymentWorker | undefined };

/**
 * Runs the request through the flow's deployed worker in the caller's environment, the way the flow
 * gateway does for a request-response input: the body becomes a message (the trace continues, the
 * request id and the consumer ride along as headers) and the run's outcome is the answer.
 */
export async function callFlow(
  workers: TFlowWorkers,
  flowName: string,
  environmentKey: string,
  c: TFlowCall,
  log: TLog,
): Promise<TBackendReply> {
  const worker = workers.findWorker(flowName, environmentKey);
  if (!worker)
    throw new AppError("SERVICE_UNAVAILABLE", `The flow behind this API is not deployed in ${environmentKey}.`, {
      retryAfterSeconds: 30,
    });
  if (worker.state !== "running")
    throw new AppError("SERVICE_UNAVAILABLE", `The flow behind this API is ${worker.state} in ${environmentKey}.`, {
      retryAfterSeconds: 30,
    });
  let msg;
  try {
    msg = requestToMessage(c.req, c.raw, c.path);
  } catch (error) {
    if (error instanceof BadRequestError) throw new AppError("BAD_REQUEST", error.message);
    throw error;
  }
  msg = {
    ...msg,
    traceparent: c.traceparent,
    headers: {
      ...msg.headers,
      "x-request-id": c.requestId,
      "x-sb-consumer": c.consumerKey,
      "api-operation": c.operation,
      ...(c.search ? { "http-query": c.search.slice(1) } : {}),
    },
  };
  let result;
  try {
    result = await worker.process(msg, 1, { keepOutput: true });
  } catch (error) {
    // The engine itself failed (transport, database), not the flow: logged, its text kept to ourselves.
    log.error({ err: String(error), requestId: c.requestId, messageId: msg.id }, "API gateway flow run failed");
    throw new ReplyError("SERVICE_UNAVAILABLE", "The run did not complete. Retry the request.", { id: msg.id });
  }
  const answer = answerRun(result, msg);
  if (!answer.ok) throw new ReplyError(answer.error.code, answer.error.message, answer.extensions, answer.headers);
  return {
    status: answer.status,
    headers: answer.headers,
    body: answer.status === 204 ? Buffer.alloc(0) : answer.body,
  };
}
