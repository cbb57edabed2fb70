import Papa from "papaparse";
import { ProfileInputError } from "./errors";

/** What a reader hands the profiler: positional rows under a header (CSV) or records (JSON). */
export type TBatch = { header: string[]; rows: string[][] } | { records: Record<string, unknown>[] };

export type TInputFormat = "csv" | "json" | "jsonl";
export const INPUT_FORMATS: TInputFormat[] = ["csv", "json", "jsonl"];

type TChunks = AsyncIterable<string | Buffer>;

function countNewlines(s: string, from = 0, to = s.length): number {
  let n = 0;
  for (let i = s.indexOf("\n", from); i !== -1 && i < to; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

async function* texts(chunks: TChunks): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  let first = true;
  for await (const chunk of chunks) {
    let text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

const DELIMITERS = [",", ";", "\t", "|"];

function detectDelimiter(headerLine: string): string {
  let best = ",";
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const n = headerLine.split(d).length - 1;
    if (n > bestCount) [best, bestCount] = [d, n];
  }
  return best;
}

/**
 * Streams a CSV: the text is cut at the last line break outside quotes, and each piece is parsed by
 * papaparse (what lib/engine/formats uses), so memory holds one chunk, and every error carries the
 * exact line (counted across pieces, quoted line breaks included).
 */
export async function* readCsv(chunks: TChunks, opts: { delimiter?: string } = {}): AsyncGenerator<TBatch> {
  let carry = "";
  let carryQuoted = false; // inside quotes at the end of carry's scanned part
  let scanned = 0;
  let line = 1; // line number of carry's first character
  let header: string[] | null = null;
  let delimiter = opts.delimiter;

  const parse = (text: string, startLine: number): { header: string[]; rows: string[][] } | null => {
    if (!delimiter) delimiter = detectDelimiter(text.slice(0, text.indexOf("\n") >>> 0));
    const res = Papa.parse<string[]>(text, { header: false, delimiter, skipEmptyLines: true });
    const error = res.errors[0];
    if (error) {
      const at =
        error.index !== undefined ? startLine + countNewlines(text, 0, error.index) : startLine + (error.row ?? 0);
      throw new ProfileInputError(at, `CSV ${error.message.replace(/\.$/, "").toLowerCase()}`);
    }
    let rows = res.data;
    if (!header) {
      const first = rows[0];
      if (!first) return null;
      if (first.some((h) => h.trim() === ""))
        throw new ProfileInputError(startLine, "CSV header has an empty column name");
      const dupe = first.find((h, i) => first.indexOf(h) !== i);
      if (dupe !== undefined)
        throw new ProfileInputError(startLine, `CSV header repeats the column ${JSON.stringify(dupe)}`);
      header = first;
      rows = rows.slice(1);
    }
    const width = header.length;
    for (let i = 0; i < rows.length; i++)
      if (rows[i].length !== width)
        throw new ProfileInputError(
          lineOfRow(text, startLine, delimiter, i + (rows === res.data ? 0 : 1)),
          `CSV row has ${rows[i].length} fields, the header has ${width}`,
        );
    return { header, rows };
  };

  for await (const text of texts(chunks)) {
    carry += text;
    // Find the last line break outside quotes: scan only what is new since the last piece.
    let cut = -1;
    let quoted: boolean = carryQuoted;
    // Jump from quote to quote with indexOf (native), not char by char: most CSV has few quotes.
    for (let i = scanned; ;) {
      const q = carry.indexOf('"', i);
      if (!quoted) {
        const nl = carry.lastIndexOf("\n", (q === -1 ? carry.length : q) - 1);
        if (nl >= i) cut = nl;
      }
      if (q === -1) break;
      quoted = !quoted;
      i = q + 1;
    }
    if (cut === -1) {
      scanned = carry.length;
      carryQuoted = quoted;
      continue;
    }
    const piece = carry.slice(0, cut + 1);
    carry = carry.slice(cut + 1);
    // Quotes were balanced at the cut, so the state at the end is the remainder's own.
    carryQuoted = quoted;
    scanned = carry.length;
    const batch = parse(piece, line);
    line += countNewlines(piece);
    if (batch && batch.rows.length) yield batch;
  }
  if (carry) {
    const batch = parse(carry, line);
    if (batch && batch.rows.length) yield batch;
  }
  if (!header) throw new ProfileInputError(1, "CSV has no header row");
  // A header with no rows still declares its columns.
  yield { header, rows: [] };
}

/** Line of the row at `index` of a parsed piece: re-parses it row by row (only on the error path). */
function lineOfRow(text: string, startLine: number, delimiter: string | undefined, index: number): number {
  let n = 0;
  let cursor = 0;
  Papa.parse<string[]>(text, {
    header: false,
    delimiter,
    skipEmptyLines: true,
    step: (r, parser) => {
      if (n === index) parser.abort();
      else {
        cursor = r.meta.cursor;
        n++;
      }
    },
  });
  let at = cursor;
  while (text.charCodeAt(at) === 10 || text.charCodeAt(at) === 13) at++;
  return startLine + countNewlines(text, 0, at);
}

function jsonError(error: unknown, text: string, startLine: number): ProfileInputError {
  const message = error instanceof Error ? error.message : String(error);
  const pos = /position (\d+)/.exec(message);
  const at = pos ? startLine + countNewlines(text, 0, Number(pos[1])) : startLine;
  const reason = message
    .replace(/ in JSON at position \d+.*$/s, "")
    .replace(/, ".*" is not valid JSON$/s, "")
    .replace(/^Unexpected/, "unexpected");
  return new ProfileInputError(at, `JSON ${reason}`);
}

function asRecord(value: unknown, line: number): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new ProfileInputError(
      line,
      `expected a JSON object, got ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`,
    );
  return value as Record<string, unknown>;
}

/** JSON lines: one object per line; blank lines are skipped. */
export async function* readJsonLines(chunks: TChunks): AsyncGenerator<TBatch> {
  let carry = "";
  let line = 1;
  const parseLines = (piece: string): Record<string, unknown>[] => {
    const out: Record<string, unknown>[] = [];
    let start = 0;
    while (start < piece.length) {
      let end = piece.indexOf("\n", start);
      if (end === -1) end = piece.length;
      const text = piece.slice(start, end).trim();
      if (text) {
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (error) {
          throw jsonError(error, "", line);
        }
        out.push(asRecord(value, line));
      }
      line++;
      start = end + 1;
    }
    return out;
  };
  for await (const text of texts(chunks)) {
    carry += text;
    const cut = carry.lastIndexOf("\n");
    if (cut === -1) continue;
    const records = parseLines(carry.slice(0, cut + 1));
    carry = carry.slice(cut + 1);
    if (records.length) yield { records };
  }
  if (carry) {
    const records = parseLines(carry);
    if (records.length) yield { records };
  }
}

/**
 * A JSON array of objects, streamed: a small state machine finds where each top-level element
 * starts and ends, and only that element's text is handed to JSON.parse, so memory holds one
 * element (plus the current chunk), never the whole document.
 */
export async function* readJsonArray(chunks: TChunks): AsyncGenerator<TBatch> {
  let state: "before" | "value" | "after" = "before"; // before '[', inside it, after ']'
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element = ""; // text of the current element so far (from earlier chunks)
  let elementLine = 0;
  let line = 1;
  let expectValue = true; // after '[' or ','
  let elements = 0;
  for await (const text of texts(chunks)) {
    const records: Record<string, unknown>[] = [];
    let start = -1; // start of the current element in this text
    if (depth > 0) start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) inString = false;
        continue;
      }
      if (c === 32 || c === 10 || c === 13 || c === 9) continue;
      if (state === "before") {
        if (c !== 91) throw new ProfileInputError(line, "expected a JSON array ('[') at the start");
        state = "value";
        continue;
      }
      if (state === "after") throw new ProfileInputError(line, "unexpected text after the end of the JSON array");
      if (depth === 0) {
        if (c === 93) {
          if (expectValue && elements > 0) throw new ProfileInputError(line, "JSON trailing comma before ']'");
          state = "after";
          continue;
        }
        if (c === 44) {
          if (expectValue) throw new ProfileInputError(line, "JSON unexpected ','");
          expectValue = true;
          continue;
        }
        if (!expectValue) throw new ProfileInputError(line, "JSON expected ',' or ']' between elements");
        if (c !== 123) throw new ProfileInputError(line, "expected a JSON object as array element");
        start = i;
        element = "";
        elementLine = line;
      }
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        depth--;
        if (depth === 0) {
          const body = element + text.slice(start, i + 1);
          element = "";
          start = -1;
          expectValue = false;
          elements++;
          try {
            records.push(asRecord(JSON.parse(body), elementLine));
          } catch (error) {
            if (error instanceof ProfileInputError) throw error;
            throw jsonError(error, body, elementLine);
          }
        }
      }
    }
    if (depth > 0 && start !== -1) element += text.slice(start);
    if (records.length) yield { records };
  }
  if (state === "before") throw new ProfileInputError(line, "expected a JSON array, the file is empty");
  if (state === "value") throw new ProfileInputError(line, "JSON array is not closed (missing ']')");
}

export function readInput(format: TInputFormat, chunks: TChunks): AsyncGenerator<TBatch> {
  if (format === "csv") return readCsv(chunks);
  if (format === "jsonl") return readJsonLines(chunks);
  return readJsonArray(chunks);
}
