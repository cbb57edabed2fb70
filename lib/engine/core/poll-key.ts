import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/utils/canonical-json";
import type { TFlowSpec } from "@/lib/validation/flow-spec";

/** The inputs whose position lives in PollState. */
export const POLLING_INPUTS = new Set(["poll_sql", "poll_http"]);

/**
 * PollState key: one per flow, environment and input configuration, so a new version with the same
 * input carries on from the committed position and a changed query or URL starts from its configured
 * beginning. The engine and the portal compute it from the parsed spec (canonical JSON: key order and
 * defaults do not matter).
 */
export function pollStateKey(flowId: string, environmentId: string, input: TFlowSpec["input"]): string {
  const config = createHash("sha256")
    .update(canonicalJson({ use: input.use, config: input.config }))
    .digest("hex")
    .slice(0, 16);
  return `${flowId}:${environmentId}:${config}`;
}
