import { AppError } from "@/lib/errors";
import type { AppErrorCode } from "@/lib/errors";

/** An expected error with extra problem members and headers (a flow's run id, the failed step). */
export class ReplyError extends AppError {
  constructor(
    code: AppErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
    opts: { retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(code, message, opts);
    this.name = "ReplyError";
  }
}
