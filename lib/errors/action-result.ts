import { ZodError } from "zod";
import type { AppErrorCode } from "./catalogue";
import { AppError, type FieldErrors } from "./app-error";

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

export type Logger = { error(obj: object, msg?: string): void };

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
