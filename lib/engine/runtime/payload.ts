import { createHash, hash } from "node:crypto";
import { bodyJson } from "@/lib/engine/core/body-json";
import type { Message } from "@/lib/engine/core/message";

export type TBodyEncoding = "json" | "utf8" | "base64";

/** A body as text for lineage and dead letters, with how to turn it back into a body. */
export function bodyToText(body: unknown): { text: string; encoding: TBodyEncoding } {
  if (Buffer.isBuffer(body)) return { text: body.toString("base64"), encoding: "base64" };
  const b64 = (body as { $base64?: unknown } | null)?.$base64;
  if (body && typeof body === "object" && typeof b64 === "string" && Object.keys(body).length === 1)
    return { text: b64, encoding: "base64" };
  if (typeof body === "string") return { text: body, encoding: "utf8" };
  return { text: bodyJson(body), encoding: "json" };
}

/** Inverse of bodyToText; throws a message an engineer can act on when edited JSON is invalid. */
export function textToBody(text: string, encoding: string): unknown {
  if (encoding === "base64") return Buffer.from(text, "base64");
  if (encoding === "json") {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new Error(
        `The payload is not valid JSON (${error instanceof Error ? error.message : String(error)}); fix it or replay it as text.`,
      );
    }
  }
  return text;
}

/**
 * sha256 of the body as it travels: bytes and text as they are, JSON values as their JSON text in
 * the order their keys arrived (what the transport carried). Canonical key order would cost a deep
 * copy per message on the hot path. The text usually comes from the transport's cache (body-json).
 */
export function hashBody(body: unknown): string {
  // One-shot crypto.hash: half the cost of a Hash object for bodies this small.
  if (Buffer.isBuffer(body) || typeof body === "string") return hash("sha256", body);
  return hash("sha256", bodyJson(body));
}

export function hashMessages(msgs: Message[]): string | null {
  if (!msgs.length) return null;
  if (msgs.length === 1) return hashBody(msgs[0].body);
  const h = createHash("sha256");
  for (const m of msgs) h.update(hashBody(m.body));
  return h.digest("hex");
}

/** The envelope without its body, stored next to a dead letter's original body. */
export function envelopeOf(msg: Message): Record<string, unknown> {
  const { body: _body, error: _error, ...rest } = msg;
  return rest;
}
