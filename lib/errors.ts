import { ZodError } from "zod";

/** Every error a user may see. Anything else is logged and shown as a generic message. */
export const ERROR_STATUS = {
  UNAUTHENTICATED: 401, // no valid session or credentials
  FORBIDDEN: 403, // signed in, but the role lacks the permission
  NOT_FOUND: 404,
  CONFLICT: 409, // unique clash or stale state
  PRECONDITION_FAILED: 412, // a governance rule blocks the operation
  PAYLOAD_TOO_LARGE: 413,
  VALIDATION: 422, // input failed a schema; fieldErrors say where
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type AppErrorCode = keyof typeof ERROR_STATUS;
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors?: FieldErrors;
  readonly retryAfterSeconds?: number;

  constructor(
    code: AppErrorCode,
    message: string,
    opts: { fieldErrors?: FieldErrors; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = opts.fieldErrors;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; error: string; code: AppErrorCode; fieldErrors?: FieldErrors };

export function isExpectedError(error: unknown): error is AppError | ZodError {
  return error instanceof AppError || error instanceof ZodError;
}

export function zodFieldErrors(error: ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function describeZodError(error: ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}

type Logger = { error(obj: object, msg?: string): void };

/** Expected errors keep their message; anything else is logged in full and hidden from the client. */
export function toActionResult(error: unknown, log?: Logger): ActionResult<never> {
  if (error instanceof ZodError) {
    return { ok: false, code: "VALIDATION", error: "Some fields need fixing.", fieldErrors: zodFieldErrors(error) };
  }
  if (error instanceof AppError) {
    return { ok: false, code: error.code, error: error.message, fieldErrors: error.fieldErrors };
  }
  log?.error({ err: error }, "unexpected error in server action");
  return { ok: false, code: "INTERNAL", error: "Something went wrong on our side. The error was logged; try again." };
}
