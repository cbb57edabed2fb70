import { ParseError, PayloadTooLargeError } from "@/lib/engine/core/errors";

export const FORMATS = ["json", "xml", "csv", "x12", "edifact"] as const;
export type TFormat = (typeof FORMATS)[number];

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export const CONTENT_TYPES: Record<TFormat, string> = {
  json: "application/json",
  xml: "application/xml",
  csv: "text/csv",
  x12: "application/edi-x12",
  edifact: "application/edifact",
};

export type TParseOptions = { maxBytes?: number };

/** Rejects oversized payloads before any parser allocates for them. */
export function toText(input: string | Buffer, opts: TParseOptions = {}): string {
  const limit = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = typeof input === "string" ? Buffer.byteLength(input) : input.length;
  if (size > limit) throw new PayloadTooLargeError(size, limit);
  const text = typeof input === "string" ? input : input.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** "line L, column C" (1-based) for a character offset. */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

export function parseError(format: TFormat, reason: string, position: string): ParseError {
  return new ParseError(format.toUpperCase(), reason, position);
}
