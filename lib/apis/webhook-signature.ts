import { createHmac, timingSafeEqual } from "node:crypto";

// Standard Webhooks (https://www.standardwebhooks.com): the sender signs "<id>.<timestamp>.<body>"
// with HMAC-SHA256 and sends `webhook-id`, `webhook-timestamp` (Unix seconds) and
// `webhook-signature: v1,<base64>` (several space-separated signatures allowed while a key rotates).
// Pure: the gateway signs callbacks with it and consumers (and our tests) verify them.

export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

export type TWebhookHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

/** A `whsec_<base64>` secret is its decoded bytes (the standard's format); any other string, its UTF-8 bytes. */
function secretKey(secret: string): Buffer {
  if (secret.startsWith("whsec_")) {
    const key = Buffer.from(secret.slice("whsec_".length), "base64");
    if (key.length) return key;
  }
  return Buffer.from(secret, "utf8");
}

/** The `v1,<base64>` signature of one message. */
export function signWebhook(input: { id: string; timestamp: number; body: string; secret: string }): string {
  const mac = createHmac("sha256", secretKey(input.secret))
    .update(`${input.id}.${input.timestamp}.${input.body}`)
    .digest("base64");
  return `v1,${mac}`;
}

/** The three headers for a message sent now (or at `nowMs`). */
export function webhookHeaders(id: string, body: string, secret: string, nowMs = Date.now()): TWebhookHeaders {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook({ id, timestamp, body, secret }),
  };
}

export type TWebhookVerdict = { ok: true } | { ok: false; reason: string };

type THeaderBag = Record<string, string | string[] | undefined> | Headers;

function header(headers: THeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Checks a received message: the headers are present, the timestamp is within `toleranceSeconds` of
 * now (either way, against replays and clock skew), and one of the v1 signatures matches the body
 * exactly as received. Compared in constant time.
 */
export function verifyWebhook(input: {
  headers: THeaderBag;
  body: string;
  secret: string;
  toleranceSeconds?: number;
  nowMs?: number;
}): TWebhookVerdict {
  const id = header(input.headers, "webhook-id");
  const ts = header(input.headers, "webhook-timestamp");
  const sigs = header(input.headers, "webhook-signature");
  if (!id || !ts || !sigs) return { ok: false, reason: "missing webhook-id, webhook-timestamp or webhook-signature" };
  if (!/^\d+$/.test(ts)) return { ok: false, reason: "webhook-timestamp is not Unix seconds" };
  const timestamp = Number(ts);
  const now = Math.floor((input.nowMs ?? Date.now()) / 1000);
  const tolerance = input.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS;
  if (Math.abs(now - timestamp) > tolerance)
    return { ok: false, reason: `webhook-timestamp is more than ${tolerance} s from now` };
  const expected = Buffer.from(signWebhook({ id, timestamp, body: input.body, secret: input.secret }).slice(3));
  for (const candidate of sigs.split(" ")) {
    const [version, value] = candidate.split(",", 2);
    if (version !== "v1" || !value) continue;
    const got = Buffer.from(value);
    if (got.length === expected.length && timingSafeEqual(got, expected)) return { ok: true };
  }
  return { ok: false, reason: "no v1 signature matches the body" };
}
