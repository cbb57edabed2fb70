/**
 * How a client should react to a code:
 * - "no": the request itself is wrong; sending it again unchanged fails the same way.
 * - "after-change": something else must change first (sign in, a role, a re-read, a governance step).
 * - "retry-after": wait the seconds in the Retry-After header, then send the same request.
 * - "backoff": a fault on our side or a target's; retry with exponential backoff and jitter.
 */
export type TRetryPolicy = "no" | "after-change" | "retry-after" | "backoff";

export type TErrorEntry = {
  status: number;
  /** Short and stable per code: RFC 9457 says the title must not change between occurrences. */
  title: string;
  description: string;
  retry: TRetryPolicy;
  retryGuidance: string;
  /** What to change so the request succeeds: concrete, not "try again". */
  remedy: string;
  /**
   * Where a client meets the code: "portal" (server actions and the portal's API routes) and/or
   * "gateway" (the engine's flow gateway and the API gateway). The /errors list groups by it.
   */
  surfaces: readonly TErrorSurface[];
};

export const ERROR_SURFACES = ["portal", "gateway"] as const;
export type TErrorSurface = (typeof ERROR_SURFACES)[number];

/**
 * Every error code a client may see, on server actions, the portal's API routes and the engine gateway.
 * The documentation pages under /errors are rendered from this list, and each problem's `type` points there.
 */
export const ERROR_CATALOGUE = {
  BAD_REQUEST: {
    status: 400,
    title: "Malformed request",
    description:
      "The request could not be read: the body is not valid JSON, a required query parameter is missing, or a form is not encoded as expected.",
    retry: "no",
    retryGuidance: "Fix the request as `detail` says. Sending it again unchanged fails the same way.",
    remedy:
      "Send valid JSON with `Content-Type: application/json`, include every required query parameter, and encode forms as `application/x-www-form-urlencoded` or `multipart/form-data`.",
    surfaces: ["portal", "gateway"],
  },
  UNAUTHENTICATED: {
    status: 401,
    title: "Sign-in required",
    description: "There is no valid session or credential on the request, or it has expired.",
    retry: "after-change",
    retryGuidance: "Sign in (or send valid credentials), then retry.",
    remedy:
      "Sign in again in the portal (sessions expire), or attach the credential the route expects, e.g. a current session cookie for the portal's API.",
    surfaces: ["portal", "gateway"],
  },
  FORBIDDEN: {
    status: 403,
    title: "Not allowed",
    description:
      "You are signed in, but your role lacks the permission this operation needs, or the request was refused as cross-site.",
    retry: "after-change",
    retryGuidance:
      "Do not retry unchanged. Ask an administrator for a role with the permission, or send the request from the portal itself.",
    remedy:
      "Ask an administrator to give your account a role that holds the permission `detail` names, or submit the form from the portal's own page (cross-site posts are refused).",
    surfaces: ["portal", "gateway"],
  },
  NOT_FOUND: {
    status: 404,
    title: "Not found",
    description: "The record, route or flow does not exist, was deleted, or is not deployed in that environment.",
    retry: "no",
    retryGuidance: "Check the id or path. A flow answers only once it is deployed and running in that environment.",
    remedy:
      "Correct the id or path (list the records to find the right one), or deploy the flow to that environment and start it before calling it.",
    surfaces: ["portal", "gateway"],
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    title: "Method not allowed",
    description: "The route exists but does not accept this HTTP method.",
    retry: "no",
    retryGuidance: "Send the request again with one of the methods in the Allow header.",
    remedy:
      "Change the HTTP method to one listed in the Allow header, e.g. POST instead of GET for a flow's inbound endpoint.",
    surfaces: ["portal", "gateway"],
  },
  CONFLICT: {
    status: 409,
    title: "Conflict",
    description:
      "The change clashes with the current state: a unique value is already in use, the record is still referenced, or it changed since you read it.",
    retry: "after-change",
    retryGuidance: "Re-read the record, reconcile your change with what is there now, then retry.",
    remedy:
      "Pick a different value for the field that is already in use, remove the references that still point at the record, or reload it and apply your change to the current version.",
    surfaces: ["portal"],
  },
  PRECONDITION_FAILED: {
    status: 412,
    title: "Blocked by a governance rule",
    description:
      "A rule of the portal blocks the operation, for example a missing approved change, a lapsed attestation or a pending architecture review.",
    retry: "after-change",
    retryGuidance:
      "Satisfy the rule that `detail` names (approve the change, renew the sign-off, record the review), then retry.",
    remedy:
      "Complete the governance step `detail` names first: get the change approved by the CAB, renew the lapsed attestation, or record the architecture review.",
    surfaces: ["portal"],
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    title: "Payload too large",
    description: "The body or uploaded file is over the limit of this route or flow.",
    retry: "no",
    retryGuidance: "Send a smaller payload or split it into several requests.",
    remedy:
      "Reduce the body below the route's limit (`detail` says it), e.g. by sending fewer records per request or compressing a file before upload.",
    surfaces: ["portal", "gateway"],
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: "Unsupported media type",
    description: "The body or file is in a format this route does not accept.",
    retry: "no",
    retryGuidance: "Send the content type or file format that `detail` names.",
    remedy:
      "Set the Content-Type header to one the route accepts (usually `application/json`) or convert the file to the format `detail` names.",
    surfaces: ["portal", "gateway"],
  },
  VALIDATION: {
    status: 422,
    title: "Invalid input",
    description: "The input was read but failed validation. `errors` lists the messages per field.",
    retry: "no",
    retryGuidance: "Fix the fields listed in `errors`. Do not retry unchanged.",
    remedy: "Correct each field listed in `errors` as its message says (format, length, range), then submit again.",
    surfaces: ["portal"],
  },
  MESSAGE_REJECTED: {
    status: 422,
    title: "Message rejected by the flow",
    description:
      "A step of the flow failed permanently on this message (schema validation, a transform, or a target that refused it). The engine does not retry such failures; the message is dead-lettered when the flow keeps a dead letter channel.",
    retry: "no",
    retryGuidance:
      "Fix the message as `detail` and `failedStep` say, then send it again. An operator can replay the dead letter once the flow is fixed.",
    remedy:
      "Change the message so the failing step accepts it (match the flow's input schema, fill the fields the transform needs), or fix the flow; then resend or replay the dead letter.",
    surfaces: ["gateway"],
  },
  RATE_LIMITED: {
    status: 429,
    title: "Too many requests",
    description: "Too many attempts in the current window, for example sign-in attempts from one address.",
    retry: "retry-after",
    retryGuidance: "Wait the number of seconds in the Retry-After header (also `retryAfter` in the body), then retry.",
    remedy: "Slow down: send fewer attempts per window, and wait out Retry-After before the next one.",
    surfaces: ["portal", "gateway"],
  },
  API_KEY_INVALID: {
    status: 401,
    title: "API credential not accepted",
    description:
      "The API gateway found no API key or bearer token, or the one sent is unknown, expired, revoked, or (a JWT) fails its signature, issuer, audience or expiry check.",
    retry: "after-change",
    retryGuidance:
      "Send a valid key in X-API-Key (or `Authorization: ApiKey <key>`), or a valid bearer token. Ask the API's owner for a new key if yours was revoked.",
    remedy:
      "Send an active key in the X-API-Key header (or `Authorization: ApiKey <key>`), check it has not expired or been revoked on the consumer's page, or send a bearer token from the configured issuer with the right audience.",
    surfaces: ["gateway"],
  },
  API_SCOPE_DENIED: {
    status: 403,
    title: "Key not valid for this API",
    description:
      "The credential is valid, but it was issued for another environment, or its scopes do not include this API version.",
    retry: "after-change",
    retryGuidance: "Use a key issued for this API version and environment, or ask the API's owner to add the scope.",
    remedy:
      "Call with a key issued for this environment (`sb_<env>_…`) whose scopes include this API version, or have an API manager issue one on the consumer's page.",
    surfaces: ["gateway"],
  },
  REQUEST_INVALID: {
    status: 400,
    title: "Request does not match the API contract",
    description:
      "The request was checked against the API version's OpenAPI document: a parameter, header or body violates it. `errors` lists every problem with its location.",
    retry: "no",
    retryGuidance: "Fix every problem in `errors` and send the request again. Sending it unchanged fails the same way.",
    remedy:
      "Make the request match the API version's OpenAPI document: fix each parameter, header and body member at the location listed in `errors`; the reference docs show the expected types.",
    surfaces: ["gateway"],
  },
  QUOTA_EXCEEDED: {
    status: 429,
    title: "Quota used up",
    description:
      "The consumer's plan allows a number of calls per day or month, and this window's calls are used up. Refused calls do not count against the quota.",
    retry: "retry-after",
    retryGuidance:
      "Wait until the window resets (Retry-After and the RateLimit header say when), or ask for a larger plan.",
    remedy:
      "Wait for the window in Retry-After to reset, spread calls across the day or month, or have the consumer moved to a plan with a higher quota.",
    surfaces: ["gateway"],
  },
  GONE: {
    status: 410,
    title: "API version retired",
    description:
      "This API version passed its sunset date and no longer answers. The `successor` member and the Link header point to the version to use.",
    retry: "after-change",
    retryGuidance: "Move to the successor version; this one will not answer again.",
    remedy:
      "Point the client at the successor version in the `successor` member and Link header, and adapt it to that version's changes.",
    surfaces: ["gateway"],
  },
  GATEWAY_TIMEOUT: {
    status: 504,
    title: "Upstream did not answer in time",
    description: "The API's backend did not answer within the gateway's timeout.",
    retry: "backoff",
    retryGuidance:
      "Retry with exponential backoff. If the operation is long by nature, ask for an asynchronous answer (`Prefer: respond-async`).",
    remedy:
      "Ask for an asynchronous answer with `Prefer: respond-async` and poll the Location it returns, or narrow the request so the backend answers within the timeout.",
    surfaces: ["gateway"],
  },
  INTERNAL: {
    status: 500,
    title: "Internal error",
    description:
      "Something failed on our side. The details were logged with the request id; they are never sent to the client.",
    retry: "backoff",
    retryGuidance:
      "Retry with exponential backoff. If it keeps failing, report it and include the `requestId` from the response.",
    remedy:
      "Nothing in the request needs to change: retry later, and report the `requestId` to the platform team if it persists.",
    surfaces: ["portal", "gateway"],
  },
  BAD_GATEWAY: {
    status: 502,
    title: "A target system failed",
    description:
      "The flow ran, but a target system it delivers to kept failing after the engine's retries, or its circuit breaker is open.",
    retry: "backoff",
    retryGuidance:
      "Retry with exponential backoff. Without an idempotency key on the flow, a retry may deliver twice to targets that did succeed.",
    remedy:
      "Nothing in the request needs to change: wait for the target system to recover (its circuit breaker closes on its own), or add an idempotency key to the flow so retries cannot deliver twice.",
    surfaces: ["gateway"],
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    title: "Temporarily unavailable",
    description:
      "The service cannot take the request right now: the flow is paused in that environment, it is deprecated and inside a brownout window before its sunset (the Sunset header gives the date), or the engine could not complete the run.",
    retry: "retry-after",
    retryGuidance:
      "Retry after the Retry-After header when it is present, otherwise with exponential backoff. A paused flow answers again once it is resumed.",
    remedy:
      "Wait for Retry-After, have the flow resumed in that environment, or move off the deprecated input before its sunset so brownouts no longer affect you.",
    surfaces: ["portal", "gateway"],
  },
} as const satisfies Record<string, TErrorEntry>;

export type AppErrorCode = keyof typeof ERROR_CATALOGUE;

export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as AppErrorCode[];

/** HTTP status per code. */
export const ERROR_STATUS = Object.fromEntries(ERROR_CODES.map((c) => [c, ERROR_CATALOGUE[c].status])) as {
  [C in AppErrorCode]: (typeof ERROR_CATALOGUE)[C]["status"];
};

/** The URL segment of a code's documentation page: RATE_LIMITED -> rate-limited. */
export function errorSlug(code: AppErrorCode): string {
  return code.toLowerCase().replaceAll("_", "-");
}

export function codeFromSlug(slug: string): AppErrorCode | undefined {
  const code = slug.toUpperCase().replaceAll("-", "_");
  return Object.hasOwn(ERROR_CATALOGUE, code) ? (code as AppErrorCode) : undefined;
}

export const ERROR_DOCS_PATH = "/errors";

/**
 * The problem `type` of a code: absolute under `publicBaseUrl` (the portal's public URL) when one is
 * configured, otherwise the portal-relative path.
 */
export function errorTypeUri(code: AppErrorCode, publicBaseUrl?: string): string {
  const path = `${ERROR_DOCS_PATH}/${errorSlug(code)}`;
  if (!publicBaseUrl) return path;
  // Relative to the base with a trailing slash, so a portal served under a sub-path keeps it.
  return new URL(path.slice(1), publicBaseUrl.endsWith("/") ? publicBaseUrl : `${publicBaseUrl}/`).href;
}

/** Whether sending the same request again can succeed (after Retry-After or a backoff). */
export function isRetryable(policy: TRetryPolicy): boolean {
  return policy === "retry-after" || policy === "backoff";
}

export type TErrorDoc = {
  code: AppErrorCode;
  type: string;
  status: number;
  title: string;
  description: string;
  retryable: boolean;
  retry: TRetryPolicy;
  retryGuidance: string;
  remedy: string;
  surfaces: readonly TErrorSurface[];
};

/** The catalogue as served in JSON (GET /errors/catalog.json): one entry per code, in catalogue order. */
export function errorCatalogueDocument(publicBaseUrl?: string): { errors: TErrorDoc[] } {
  return {
    errors: ERROR_CODES.map((code) => {
      const e: TErrorEntry = ERROR_CATALOGUE[code];
      return {
        code,
        type: errorTypeUri(code, publicBaseUrl),
        status: e.status,
        title: e.title,
        description: e.description,
        retryable: isRetryable(e.retry),
        retry: e.retry,
        retryGuidance: e.retryGuidance,
        remedy: e.remedy,
        surfaces: e.surfaces,
      };
    }),
  };
}
