import { z } from "zod";
import { defineComponent, type Output } from "@/lib/engine/core/contracts";
import { bodyJson } from "@/lib/engine/core/body-json";
import { IDEMPOTENCY_HEADER, type Message } from "@/lib/engine/core/message";
import { httpCall, zHeaders, zHttpUrl } from "./http-call";

/** Body bytes and content type for a message, JSON-encoding parsed values. */
export function encodeBody(msg: Message): { body: string | Uint8Array<ArrayBuffer>; contentType: string } {
  if (Buffer.isBuffer(msg.body))
    return {
      body: new Uint8Array(
        msg.body.buffer.slice(msg.body.byteOffset, msg.body.byteOffset + msg.body.byteLength) as ArrayBuffer,
      ),
      contentType: msg.datacontenttype,
    };
  // Text goes as it is with its own type: a serialize step's JSON/XML/CSV/X12 text keeps its type.
  if (typeof msg.body === "string") return { body: msg.body, contentType: msg.datacontenttype };
  return { body: bodyJson(msg.body), contentType: "application/json" };
}

/**
 * CloudEvents HTTP binary mode: attributes travel as ce-* headers next to the trace context, plus
 * the flow's idempotency key as Idempotency-Key so the target can ignore a redelivered request.
 */
export function cloudEventHeaders(msg: Message): Record<string, string> {
  const key = msg.headers[IDEMPOTENCY_HEADER];
  return {
    ...(key ? { "idempotency-key": key } : {}),
    "ce-id": msg.id,
    "ce-source": msg.source,
    "ce-type": msg.type,
    "ce-specversion": msg.specversion,
    "ce-time": msg.time,
    "x-correlation-id": msg.correlationId,
    traceparent: msg.traceparent,
  };
}

export const httpOutput = defineComponent({
  kind: "output",
  name: "http",
  status: "stable",
  summary:
    "Sends the body to an HTTP endpoint (JSON for parsed bodies). 4xx other than 408/429 is permanent; 5xx, 408, 429 and timeouts are retried.",
  config: z
    .object({
      url: zHttpUrl("Target URL."),
      method: z.enum(["POST", "PUT", "PATCH"]).default("POST"),
      headers: zHeaders,
      timeoutMs: z.number().int().min(1).max(120_000).default(5_000),
    })
    .strict(),
  create: (config, deps): Output => ({
    endpoint: new URL(config.url).origin,
    async connect() {},
    async write(msg, s) {
      const { body, contentType } = encodeBody(msg);
      const res = await httpCall(
        deps.fetch ?? fetch,
        config.url,
        {
          method: config.method,
          headers: { ...cloudEventHeaders(msg), "content-type": contentType, ...config.headers },
          body,
          timeoutMs: config.timeoutMs,
        },
        s,
      );
      await res.arrayBuffer().catch(() => undefined); // drain so the connection returns to the pool
    },
    async close() {},
  }),
});
