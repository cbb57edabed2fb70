import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { childTraceparent, newTraceparent } from "@/lib/engine/core/message";

/** A caller's own request id is kept when it is plain; anything else gets a fresh one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
/** W3C trace context, version 00; an all-zero trace or parent id is invalid (Trace Context §3.2.2). */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export type TCorrelation = {
  requestId: string;
  /** The traceparent sent upstream: the caller's trace with a new span id for this hop, or a new trace. */
  traceparent: string;
  traceId: string;
};

/** Takes the caller's X-Request-Id and traceparent, or makes them; each hop gets its own span id. */
export function correlate(headers: IncomingHttpHeaders): TCorrelation {
  const given = headers["x-request-id"];
  const requestId = typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
  const incoming = headers.traceparent;
  const m = typeof incoming === "string" ? TRACEPARENT.exec(incoming.trim()) : null;
  const valid = m && !/^0+$/.test(m[1]) && !/^0+$/.test(m[2]);
  const traceparent = valid ? childTraceparent(m[0]) : newTraceparent();
  return { requestId, traceparent, traceId: traceparent.slice(3, 35) };
}
