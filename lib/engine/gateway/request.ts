import type { IncomingMessage } from "node:http";
import { callerIdentity } from "@/lib/catalog/endpoints";
import { CALLER_HEADER, createMessage, ROUTE_HEADER_HTTP, type Message } from "@/lib/engine/core/message";

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is over the ${limit}-byte limit of this flow. Send a smaller payload or split it.`);
    this.name = "BodyTooLargeError";
  }
}

export class BadRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BadRequestError";
  }
}

/** Reads the body, refusing as soon as it passes `limit` (Content-Length is checked before reading). */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const FORWARDED = /^(content-type|x-[a-z0-9-]+)$/;
const SECRET = /^(x-api-key|x-auth-token)$/;

/**
 * An HTTP request as an engine message: JSON is parsed, text stays text, anything else is bytes. The
 * caller's identity rides along in a header (never one the client can set: only x-* are forwarded).
 */
export function requestToMessage(req: IncomingMessage, raw: Buffer, route: string): Message {
  const contentType = String(req.headers["content-type"] ?? "application/json").toLowerCase();
  let body: unknown;
  if (contentType.includes("json")) {
    try {
      body = raw.length ? JSON.parse(raw.toString("utf8")) : null;
    } catch (error) {
      throw new BadRequestError(
        `The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  } else if (
    contentType.startsWith("text/") ||
    contentType.includes("xml") ||
    contentType.includes("csv") ||
    contentType.includes("edi")
  ) {
    body = raw.toString("utf8");
  } else {
    body = raw;
  }
  const headers: Record<string, string> = {
    "http-method": req.method ?? "POST",
    [ROUTE_HEADER_HTTP]: route,
    [CALLER_HEADER]: callerIdentity(req.headers, req.socket.remoteAddress),
  };
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === "string" && FORWARDED.test(k) && !SECRET.test(k)) headers[k] = v;
  }
  const correlation = req.headers["x-correlation-id"];
  const traceparent = req.headers["traceparent"];
  return createMessage({
    body,
    source: `switchboard-gateway${route}`,
    type: "switchboard.http.request",
    datacontenttype: contentType.split(";")[0].trim(),
    headers,
    ...(typeof correlation === "string" && correlation ? { correlationId: correlation.slice(0, 200) } : {}),
    ...(typeof traceparent === "string" && /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/.test(traceparent)
      ? { traceparent }
      : {}),
  });
}
