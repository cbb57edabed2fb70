import "server-only";
import { headers } from "next/headers";
import { toActionResult, type ActionResult } from "@/lib/errors";
import { requestLogger } from "@/lib/logger";

/** The catch-all of every server action: an ActionResult for the client, a log line with the request id. */
export async function actionError(error: unknown): Promise<ActionResult<never>> {
  let requestId: string | null = null;
  try {
    requestId = (await headers()).get("x-request-id");
  } catch {
    // Outside a request (tests, scripts) there are no headers; log without an id.
  }
  return toActionResult(error, requestLogger(requestId));
}
