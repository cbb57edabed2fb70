/** A component config that failed its zod spec; `issues` carry the dotted path of each problem. */
export class ConfigError extends Error {
  readonly issues: { path: string; message: string }[];
  constructor(component: string, issues: { path: string; message: string }[]) {
    super(
      `Invalid config for ${component}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ")}`,
    );
    this.name = "ConfigError";
    this.issues = issues;
  }
}

/** Retrying cannot help (bad payload, 4xx, schema violation): skip straight to the dead letter channel. */
export class PermanentError extends Error {
  constructor(message: string, opts?: { cause?: unknown }) {
    super(message, opts);
    this.name = "PermanentError";
  }
}

/** Worth retrying with backoff (timeouts, 5xx, 408/429, connection resets). */
export class TransientError extends Error {
  constructor(message: string, opts?: { cause?: unknown }) {
    super(message, opts);
    this.name = "TransientError";
  }
}

/** A target answered with a non-2xx status; classification follows the status code. */
export class HttpStatusError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = "HttpStatusError";
    this.status = status;
  }
}

/** Payload parse failures carry where the problem is, so the CLI and DLQ can point at it. */
export class ParseError extends PermanentError {
  readonly reason: string;
  readonly position: string;
  constructor(format: string, reason: string, position: string) {
    super(`${format} parse error at ${position}: ${reason}`);
    this.name = "ParseError";
    this.reason = reason;
    this.position = position;
  }
}

export class PayloadTooLargeError extends PermanentError {
  constructor(size: number, limit: number) {
    super(
      `payload is ${size} bytes, over the ${limit}-byte limit (raise maxBytes in the step config if this is expected)`,
    );
    this.name = "PayloadTooLargeError";
  }
}

export type TErrorClass = "permanent" | "transient";

export function isPermanentHttpStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** Permanent: 4xx except 408/429, validation and parse errors. Everything else is transient. */
export function classifyError(error: unknown): TErrorClass {
  if (error instanceof PermanentError || error instanceof ConfigError) return "permanent";
  if (error instanceof TransientError) return "transient";
  if (error instanceof HttpStatusError) return isPermanentHttpStatus(error.status) ? "permanent" : "transient";
  if (error instanceof Error && (error.name === "ZodError" || error.name === "SyntaxError")) return "permanent";
  return "transient";
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
