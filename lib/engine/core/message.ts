import { randomUUID } from "node:crypto";

/** Set on a message replayed from the dead letter channel (value: the dead letter's id). */
export const REPLAY_HEADER = "sb-replay-of";

/** The flow's idempotency key (policy.idempotencyKey) for this message; HTTP outputs send it on. */
export const IDEMPOTENCY_HEADER = "sb-idempotency-key";
/**
 * A record resubmitted from the quarantine: the id of its quarantine entry, and the step at which it
 * re-enters the flow (the validate step that quarantined it, which checks it again).
 */
export const RESUBMIT_HEADER = "sb-resubmit-of";
export const RESUME_AT_HEADER = "sb-resume-at";

/**
 * Who called the gateway (lib/catalog/endpoints.ts callerIdentity), set by the gateway on the message it
 * builds so the run can be attributed to its caller, also after a fire-and-forget trip through a queue.
 */
export const CALLER_HEADER = "sb-caller";

/** The gateway path a request came in on (e.g. /flows/orders/dev or /api/dev/orders). */
export const ROUTE_HEADER_HTTP = "http-route";

/** Parsed JSON, raw text, or raw bytes: parse_* processors turn text/bytes into JSON values. */
export type TBody = unknown;

/** Set when a step failed; later steps are skipped except those that handle failures (route). */
export type TMessageError = {
  failedStep: string;
  error: string;
  errorClass: "permanent" | "transient";
  /** Attempt history of the failed step, carried into the dead letter. */
  attempts?: { at: string; error: string; durationMs: number }[];
};

/**
 * The engine envelope: CloudEvents 1.0 attributes, a correlation id that survives split/aggregate,
 * a W3C traceparent, free-form headers and the body.
 */
export type Message = {
  id: string;
  source: string;
  type: string;
  time: string;
  datacontenttype: string;
  specversion: "1.0";
  correlationId: string;
  traceparent: string;
  headers: Record<string, string>;
  body: TBody;
  error?: TMessageError;
};

export type TMessageInit = Partial<Omit<Message, "specversion" | "body">> & { body: TBody };

// randomUUID draws from a batched entropy pool, far cheaper per message than randomBytes.
const randomHex32 = () => randomUUID().replaceAll("-", "");
const randomHex16 = () => randomHex32().slice(0, 16);

/** A fresh W3C trace context: version 00, random trace and span ids, sampled. */
export function newTraceparent(): string {
  return `00-${randomHex32()}-${randomHex16()}-01`;
}

/** A child span in the same trace, so a split part stays linked to its parent. */
export function childTraceparent(parent: string): string {
  const parts = parent.split("-");
  if (parts.length !== 4 || parts[1].length !== 32) return newTraceparent();
  return `00-${parts[1]}-${randomHex16()}-${parts[3]}`;
}

export function guessContentType(body: TBody): string {
  if (Buffer.isBuffer(body)) return "application/octet-stream";
  if (typeof body === "string") return "text/plain";
  return "application/json";
}

export function createMessage(init: TMessageInit): Message {
  const id = init.id ?? randomUUID();
  return {
    id,
    source: init.source ?? "switchboard",
    type: init.type ?? "switchboard.message",
    time: init.time ?? new Date().toISOString(),
    datacontenttype: init.datacontenttype ?? guessContentType(init.body),
    specversion: "1.0",
    correlationId: init.correlationId ?? id,
    traceparent: init.traceparent ?? newTraceparent(),
    headers: { ...(init.headers ?? {}) },
    body: init.body,
    ...(init.error ? { error: init.error } : {}),
  };
}

/** A new message derived from `msg`: same correlation and trace, new id, overrides applied. */
export function deriveMessage(msg: Message, patch: Partial<Omit<Message, "specversion">>): Message {
  return {
    ...msg,
    id: randomUUID(),
    traceparent: childTraceparent(msg.traceparent),
    headers: { ...msg.headers, ...(patch.headers ?? {}) },
    ...omitHeaders(patch),
  };
}

function omitHeaders(patch: Partial<Omit<Message, "specversion">>) {
  const { headers: _h, ...rest } = patch;
  return rest;
}

/** Same message with a new body (keeps id: a transform is the same event, re-shaped). */
export function withBody(msg: Message, body: TBody, datacontenttype = guessContentType(body)): Message {
  return { ...msg, body, datacontenttype };
}

export function markFailed(msg: Message, error: TMessageError): Message {
  return { ...msg, error };
}

export function isFailed(msg: Message): boolean {
  return msg.error !== undefined;
}

/** Bodies as JSON-safe values (Buffers as base64), for dead letters, lineage and the CLI. */
export function serializableMessage(msg: Message): Message {
  if (!Buffer.isBuffer(msg.body)) return msg;
  return { ...msg, body: { $base64: msg.body.toString("base64") } };
}
