import { locateJsonError } from "./json-locate";
import { lineColumn, parseError, toText, type TParseOptions } from "./types";

export function parseJson(input: string | Buffer, opts: TParseOptions = {}): unknown {
  const text = toText(input, opts);
  try {
    return JSON.parse(text);
  } catch {
    const { offset, reason } = locateJsonError(text);
    throw parseError("json", reason, lineColumn(text, offset));
  }
}

export function serializeJson(value: unknown, opts: { pretty?: boolean } = {}): string {
  return JSON.stringify(value, null, opts.pretty === false ? undefined : 2) ?? "null";
}
