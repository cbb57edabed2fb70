import type { Message } from "@/lib/engine/core/message";

// Both transports carry the whole envelope as JSON, so a message round-trips identically whichever
// transport moved it. Buffers travel as {$base64} and come back as Buffers.

export function encodeMessage(msg: Message): Buffer {
  const body = Buffer.isBuffer(msg.body) ? { $base64: msg.body.toString("base64") } : msg.body;
  return Buffer.from(JSON.stringify({ ...msg, body }));
}

export function decodeMessage(bytes: Buffer): Message {
  const parsed = JSON.parse(bytes.toString("utf8")) as Message;
  const body = parsed.body as { $base64?: unknown } | null;
  if (body && typeof body === "object" && !Array.isArray(body) && typeof body.$base64 === "string" && Object.keys(body).length === 1) {
    return { ...parsed, body: Buffer.from(body.$base64, "base64") };
  }
  return parsed;
}
