import { parseCsv, serializeCsv } from "./csv";
import { parseEdifact, serializeEdifact, type TEdifactDelimiters } from "./edifact";
import { parseJson, serializeJson } from "./json";
import { CONTENT_TYPES, FORMATS, type TFormat, type TParseOptions } from "./types";
import { parseXml, serializeXml } from "./xml";
import { parseX12, type TX12Delimiters } from "./x12";
import { serializeX12 } from "./x12-writer";

export { CONTENT_TYPES, DEFAULT_MAX_BYTES, FORMATS, type TFormat } from "./types";

export type TFormatOptions = TParseOptions & {
  csvDelimiter?: string;
  xmlRootName?: string;
  x12Delimiters?: Partial<TX12Delimiters>;
  edifactDelimiters?: Partial<TEdifactDelimiters>;
  pretty?: boolean;
};

/** Text/bytes in a format → a JSON value. Throws ParseError (reason + position) or PayloadTooLargeError. */
export function parsePayload(format: TFormat, input: string | Buffer, opts: TFormatOptions = {}): unknown {
  switch (format) {
    case "json":
      return parseJson(input, opts);
    case "xml":
      return parseXml(input, opts);
    case "csv":
      return parseCsv(input, { ...opts, delimiter: opts.csvDelimiter });
    case "x12":
      return parseX12(input, opts);
    case "edifact":
      return parseEdifact(input, opts);
  }
}

/** A JSON value → text in a format. X12 and EDIFACT take the segment shapes their parsers produce. */
export function serializePayload(format: TFormat, value: unknown, opts: TFormatOptions = {}): string {
  switch (format) {
    case "json":
      return serializeJson(value, opts);
    case "xml":
      return serializeXml(value, { rootName: opts.xmlRootName, pretty: opts.pretty });
    case "csv":
      return serializeCsv(value, { delimiter: opts.csvDelimiter });
    case "x12":
      return serializeX12(value, opts.x12Delimiters);
    case "edifact":
      return serializeEdifact(value, opts.edifactDelimiters);
  }
}

/** Parses with the engine's own parsers and limits, then writes the other format. */
export function convert(input: string | Buffer, from: TFormat, to: TFormat, opts: TFormatOptions = {}): string {
  return serializePayload(to, parsePayload(from, input, opts), opts);
}

export function isFormat(v: string): v is TFormat {
  return (FORMATS as readonly string[]).includes(v);
}

export const contentTypeOf = (format: TFormat) => CONTENT_TYPES[format];
