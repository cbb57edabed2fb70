import "server-only";
import { AppError, toProblem, type AppErrorCode, type TProblemReply } from "@/lib/errors";
import { env } from "@/lib/env";
import { requestLogger } from "@/lib/logger";

type TProblemResponseOptions = {
  /** Extra members, e.g. the allowed formats; never replace the standard ones. */
  extensions?: Record<string, unknown>;
  /** Extra response headers, e.g. Allow for a 405. */
  headers?: Record<string, string>;
};

/**
 * The error response of every route handler: RFC 9457 problem+json from any error (see toProblem), with
 * the request id the proxy assigned and the request path as `instance`.
 */
export function problemResponse(error: unknown, request: Request, opts: TProblemResponseOptions = {}): Response {
  const reply = problemReply(error, request, opts);
  return new Response(JSON.stringify(reply.body), {
    status: reply.status,
    headers: { ...reply.headers, ...opts.headers },
  });
}

/** The status, headers and body without the Response, for errors reported inside a stream. */
export function problemReply(
  error: unknown,
  request: Request,
  opts: Pick<TProblemResponseOptions, "extensions"> = {},
): TProblemReply {
  const requestId = request.headers.get("x-request-id") ?? undefined;
  return toProblem(error, {
    log: requestLogger(requestId),
    publicBaseUrl: env().AUTH_URL,
    instance: new URL(request.url).pathname,
    requestId,
    extensions: opts.extensions,
  });
}

/** Shorthand for an expected error a handler answers directly: `problem(request, "NOT_FOUND", "…")`. */
export function problem(
  request: Request,
  code: AppErrorCode,
  detail: string,
  opts: TProblemResponseOptions & { retryAfterSeconds?: number } = {},
): Response {
  return problemResponse(new AppError(code, detail, { retryAfterSeconds: opts.retryAfterSeconds }), request, opts);
}
