import { ZodError } from "zod";
import type { Logger } from "./action-result";
import { zodFieldErrors } from "./action-result";
import { AppError, type FieldErrors } from "./app-error";
import { ERROR_CATALOGUE, errorTypeUri, type AppErrorCode } from "./catalogue";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** An RFC 9457 problem details body, with our code and the catalogue's retry hints as extension members. */
export type TProblem = {
  /** The code's documentation page. */
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request path this occurrence belongs to. */
  instance?: string;
  code: AppErrorCode;
  /** Quote it when reporting an error; the log line carries the same id. */
  requestId?: string;
  /** Messages per field ("a.b" paths; "_form" for the whole input). */
  errors?: FieldErrors;
  /** Seconds, as in the Retry-After header. */
  retryAfter?: number;
  [extension: string]: unknown;
};

export type TProblemReply = { status: number; headers: Record<string, string>; body: TProblem };

export type TProblemOptions = {
  /** Logs anything that is not an expected error, with the request id and path. */
  log: Logger;
  /** The portal's public URL; `type` is absolute under it, otherwise a path. */
  publicBaseUrl?: string;
  instance?: string;
  requestId?: string;
  /** Extra members (e.g. failedStep, limitBytes); they never replace the standard ones. */
  extensions?: Record<string, unknown>;
};

const RESERVED = new Set([
  "type",
  "title",
  "status",
  "detail",
  "instance",
  "code",
  "requestId",
  "errors",
  "retryAfter",
]);

/**
 * The one mapping from an error to an HTTP answer, for the portal's route handlers and the engine
 * gateway alike. AppError keeps its message as `detail`, a ZodError becomes VALIDATION with its field
 * errors, and anything else is logged and answered as INTERNAL with generic text, since its message may
 * hold SQL, hosts or stack details.
 */
export function toProblem(error: unknown, opts: TProblemOptions): TProblemReply {
  let code: AppErrorCode;
  let detail: string;
  let errors: FieldErrors | undefined;
  let retryAfter: number | undefined;
  if (error instanceof AppError) {
    code = error.code;
    detail = error.message;
    errors = error.fieldErrors;
    retryAfter = error.retryAfterSeconds;
  } else if (error instanceof ZodError) {
    code = "VALIDATION";
    detail = "Some fields of the request are invalid; `errors` says which.";
    errors = zodFieldErrors(error);
  } else {
    opts.log.error(
      { err: error, requestId: opts.requestId, instance: opts.instance },
      "unexpected error answering an HTTP request",
    );
    code = "INTERNAL";
    detail = opts.requestId
      ? `Something went wrong on our side. The error was logged; retry later, and quote request id ${opts.requestId} if it keeps failing.`
      : "Something went wrong on our side. The error was logged; retry later.";
  }
  const entry = ERROR_CATALOGUE[code];
  const extensions = Object.entries(opts.extensions ?? {}).filter(([k]) => !RESERVED.has(k));
  const body: TProblem = {
    ...Object.fromEntries(extensions),
    type: errorTypeUri(code, opts.publicBaseUrl),
    title: entry.title,
    status: entry.status,
    detail,
    code,
  };
  if (opts.instance) body.instance = opts.instance;
  if (opts.requestId) body.requestId = opts.requestId;
  if (errors && Object.keys(errors).length) body.errors = errors;
  const headers: Record<string, string> = { "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store" };
  if (retryAfter !== undefined && Number.isFinite(retryAfter) && retryAfter >= 0) {
    body.retryAfter = Math.ceil(retryAfter);
    headers["retry-after"] = String(body.retryAfter);
  }
  return { status: entry.status, headers, body };
}
