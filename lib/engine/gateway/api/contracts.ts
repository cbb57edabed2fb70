// The seams between the API gateway's listener (server.ts) and the parts it calls: analytics and
// long-running operations. Each side is built against these types.

/** One answered request, as analytics adds it up (per API version, environment, operation, consumer, minute). */
export type TApiCall = {
  apiVersionId: string;
  environmentId: string;
  /** "<METHOD> <path template>" from the OpenAPI document, e.g. "GET /orders/{id}"; "(unmatched)" otherwise. */
  operation: string;
  /** "" when the caller was not identified. */
  consumerId: string;
  status: number;
  latencyMs: number;
  at: number;
};

export interface TApiAnalytics {
  /** Synchronous and cheap: called on every response. */
  record(call: TApiCall): void;
  /** Writes what was added up so far (also on a timer, and on stop). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/** The upstream's or flow's answer, as the gateway relays it. */
export type TBackendReply = { status: number; headers: Record<string, string>; body: Buffer | unknown };

export type TBeginOperation = {
  apiVersionId: string;
  environmentId: string;
  consumerId: string | null;
  operation: string;
  /** The caller's `Callback-Url` header (https, or http to localhost outside production), if any. */
  callbackUrl: string | null;
  /** The consumer's HMAC key for the signed callback. */
  callbackSecret: string | null;
  /** Still running; its outcome completes the operation. */
  work: Promise<TBackendReply>;
};

export interface TApiOperations {
  /** Persists a running operation (202 + Location), then completes it and sends the callback when work settles. */
  begin(input: TBeginOperation): Promise<{ id: string; location: string }>;
  /** The status resource for GET /_operations/<id>; null when unknown or owned by another consumer. */
  get(id: string, consumerId: string | null): Promise<TOperationStatus | null>;
  stop(): Promise<void>;
}

export type TOperationStatus = {
  id: string;
  status: "running" | "succeeded" | "failed";
  operation: string;
  createdAt: string;
  completedAt?: string;
  /** The backend's status and body once done. */
  httpStatus?: number;
  result?: unknown;
};
