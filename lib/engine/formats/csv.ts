import Papa from "papaparse";
import { PermanentError } from "@/lib/engine/core/errors";
import { lineColumn, parseError, toText, type TParseOptions } from "./types";

export type TCsvOptions = TParseOptions & { delimiter?: string };

/** Header row → one object per line; every value stays a string. */
export function parseCsv(input: string | Buffer, opts: TCsvOptions = {}): Record<string, string>[] {
  const text = toText(input, opts);
  const res = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: "greedy",
    delimiter: opts.delimiter ?? "",
    dynamicTyping: false,
  });
  const error = res.errors.find((e) => e.code !== "UndetectableDelimiter");
  if (error) {
    // Papa counts data rows from 0 (header excluded); a character index, when given, is exact.
    const position = error.index !== undefined ? lineColumn(text, error.index) : `line ${(error.row ?? -1) + 2}`;
    throw parseError("csv", error.message, position);
  }
  if (!res.meta.fields?.length) throw parseError("csv", "missing header row", "line 1");
  const dupe = res.meta.fields.find((f, i) => res.meta.fields!.indexOf(f) !== i);
  if (dupe !== undefined || res.meta.renamedHeaders)
    throw parseError(
      "csv",
      `duplicate column name ${JSON.stringify(dupe ?? Object.values(res.meta.renamedHeaders ?? {})[0])}`,
      "line 1",
    );
  return res.data;
}

/** Objects (or one object) → CSV with a header of all keys in first-seen order; nested values as JSON. */
export function serializeCsv(value: unknown, opts: { delimiter?: string } = {}): string {
  const rows = Array.isArray(value) ? value : [value];
  if (!rows.every((r) => r !== null && typeof r === "object" && !Array.isArray(r)))
    throw new PermanentError("CSV serialize needs an object or an array of objects");
  const fields: string[] = [];
  for (const r of rows as Record<string, unknown>[])
    for (const k of Object.keys(r)) if (!fields.includes(k)) fields.push(k);
  const data = (rows as Record<string, unknown>[]).map((r) =>
    fields.map((f) => (r[f] !== null && typeof r[f] === "object" ? JSON.stringify(r[f]) : (r[f] ?? ""))),
  );
  return `${Papa.unparse({ fields, data }, { delimiter: opts.delimiter ?? ",", newline: "\n" })}\n`;
}
