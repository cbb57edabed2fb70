import { ZodError } from "zod";
import { AppError, describeZodError } from "@/lib/errors";

/**
 * Exit codes: 0 ok, 1 failure (or a negative check, e.g. a broken chain), 2 bad input, 3 a diff found
 * differences (`config diff`, like diff(1) and decK's --non-zero-exit-code).
 */
export const EXIT = { OK: 0, FAILURE: 1, BAD_INPUT: 2, DIFFERENT: 3 } as const;

/** An error whose message is already the one line the user should read. */
export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = "CliError";
  }
}

const BAD_INPUT_CODES = new Set(["VALIDATION", "CONFLICT", "NOT_FOUND", "PRECONDITION_FAILED"]);

/** The single line and exit code for any error; a stack only with --verbose and only for the unexpected. */
export function describeFailure(error: unknown, verbose = false): { exitCode: number; message: string } {
  if (error instanceof CliError) return { exitCode: error.exitCode, message: error.message };
  if (error instanceof ZodError)
    return { exitCode: EXIT.BAD_INPUT, message: `Invalid input: ${describeZodError(error)}` };
  if (error instanceof AppError) {
    const fields = error.fieldErrors
      ? Object.entries(error.fieldErrors).map(([f, msgs]) => `${f}: ${msgs.join(" ")}`)
      : [];
    const message = fields.length ? `${error.message} (${fields.join("; ")})` : error.message;
    return { exitCode: BAD_INPUT_CODES.has(error.code) ? EXIT.BAD_INPUT : EXIT.FAILURE, message };
  }
  const text = error instanceof Error ? error.message.split("\n")[0] : String(error);
  const stack = verbose && error instanceof Error && error.stack ? `\n${error.stack}` : "";
  return {
    exitCode: EXIT.FAILURE,
    message: `Unexpected error: ${text}${verbose ? stack : " (run with --verbose for details)"}`,
  };
}
