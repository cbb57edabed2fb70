import type { TLimitDecision } from "@/lib/apis/limits-types";

/** An RFC 8941 sf-string: quotes and backslashes escaped; policy names are plain ASCII. */
function sfString(s: string): string {
  return `"${s.replace(/[^\x20-\x7e]/g, "").replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/**
 * The IETF httpapi-ratelimit-headers fields (draft-ietf-httpapi-ratelimit-headers-10/11): each policy in
 * `RateLimit-Policy` as `"<name>";q=<quota>;w=<window seconds>`, its current state in `RateLimit` as
 * `"<name>";r=<remaining>;t=<seconds until reset>`, tightest first; and `Retry-After` (delay-seconds)
 * on a refusal. A plan without limits gets no fields.
 */
export function limitHeaders(decision: TLimitDecision): Record<string, string> {
  const headers: Record<string, string> = {};
  if (decision.policies.length > 0) {
    headers["RateLimit-Policy"] = decision.policies
      .map((p) => `${sfString(p.name)};q=${p.limit};w=${p.windowSeconds}`)
      .join(", ");
    headers["RateLimit"] = decision.policies
      .map((p) => `${sfString(p.name)};r=${p.remaining};t=${p.resetSeconds}`)
      .join(", ");
  }
  if (!decision.allowed) headers["Retry-After"] = String(Math.max(1, Math.ceil(decision.retryAfterSeconds)));
  return headers;
}
