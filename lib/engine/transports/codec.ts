import { bodyJson, rememberBodyJson } from "@/lib/engine/core/body-json";
import type { Message } from "@/lib/engine/core/message";

// Both transports carry the whole envelope, so a message round-trips identically whichever transport
// moved it. Wire format: the envelope without its body as one JSON line, then the body: its JSON text,
// or base64 for bytes. Keeping the body's text separate lets lineage hash it without serialising it
// again. JSON.stringify never emits a raw newline, so the first one ends the envelope.
// Messages written before this format (one JSON object with a {$base64} body for bytes) still decode.

type THead = Omit<Message, "body"> & { $body: "json" | "base64" };

const NEWLINE = 0x0a;

export function encodeMessage(msg: Message): Buffer {
  const { body, ...rest } = msg;
  const bytes = Buffer.isBuffer(body);
  const head: THead = { ...rest, $body: bytes ? "base64" : "json" };
  return Buffer.from(`${JSON.stringify(head)}\n${bytes ? body.toString("base64") : bodyJson(body)}`);
}

export function decodeMessage(bytes: Buffer): Message {
  const nl = bytes.indexOf(NEWLINE);
  const head = nl > 0 ? parseHead(bytes.subarray(0, nl)) : null;
  if (!head) return decodeLegacy(bytes);
  const { $body, ...rest } = head;
  const text = bytes.subarray(nl + 1).toString("utf8");
  if ($body === "base64") return { ...rest, body: Buffer.from(text, "base64") };
  const body: unknown = JSON.parse(text);
  rememberBodyJson(body, text);
  return { ...rest, body };
}

function parseHead(line: Buffer): THead | null {
  try {
    const head = JSON.parse(line.toString("utf8")) as THead | null;
    return head && typeof head === "object" && (head.$body === "json" || head.$body === "base64") ? head : null;
  } catch {
    return null;
  }
}

function decodeLegacy(bytes: Buffer): Message {
  const parsed = JSON.parse(bytes.toString("utf8")) as Message;
  const body = parsed.body as { $base64?: unknown } | null;
  if (
    body &&
    typeof body === "object" &&
    !Array.isArray(body) &&
    typeof body.$base64 === "string" &&
    Object.keys(body).length === 1
  ) {
    return { ...parsed, body: Buffer.from(body.$base64, "base64") };
  }
  return parsed;
}
