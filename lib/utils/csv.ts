/** RFC 4180 CSV for exports: CRLF line ends, quoting only where needed, and formula-injection guard. */

export type CsvColumn<T> = { id: string; header: string; value?: (row: T) => unknown };
export type CsvOptions = { bom?: boolean };

const CRLF = "\r\n";
const BOM = "\uFEFF";
// Spreadsheet apps evaluate a cell that starts with one of these as a formula (OWASP "CSV injection").
const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);
const NEEDS_QUOTES = /[",\r\n]/;

/** Renders a single value as text: dates as ISO 8601, objects as JSON, null/undefined as empty. */
export function csvText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? "";
}

/** One field, neutralised and quoted. Numbers pass unchanged, so "-5" stays a number in the sheet. */
export function csvField(value: unknown): string {
  let text = csvText(value);
  const isNumeric = typeof value === "number" || typeof value === "bigint";
  if (!isNumeric && text.length > 0 && FORMULA_TRIGGERS.has(text[0])) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function cellValue<T>(row: T, column: CsvColumn<T>): unknown {
  return column.value ? column.value(row) : (row as Record<string, unknown> | null)?.[column.id];
}

export function csvHeaderLine<T>(columns: readonly CsvColumn<T>[]): string {
  return columns.map((column) => csvField(column.header)).join(",") + CRLF;
}

export function csvRowLines<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  let out = "";
  for (const row of rows) out += columns.map((column) => csvField(cellValue(row, column))).join(",") + CRLF;
  return out;
}

/** The whole document as a string; for small lists. Use `csvStream` for exports of unknown size. */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[], options: CsvOptions = {}): string {
  return (options.bom ? BOM : "") + csvHeaderLine(columns) + csvRowLines(rows, columns);
}

/**
 * Streams CSV page by page, pulling the next page only when the consumer is ready, so an export of
 * 10k+ rows never sits in memory. The BOM is on by default because these streams become downloads
 * and Excel needs it to read UTF-8. Cancelling the response stops fetching further pages.
 */
export function csvStream<T>(
  pages: AsyncIterable<T[]>,
  columns: readonly CsvColumn<T>[],
  options: CsvOptions = { bom: true },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode((options.bom ? BOM : "") + csvHeaderLine(columns)));
    },
    async pull(controller) {
      try {
        // Skip empty pages: a pull that enqueues nothing is not called again, which would hang the reader.
        for (;;) {
          const next = await iterator.next();
          if (next.done) {
            controller.close();
            return;
          }
          if (next.value.length > 0) {
            controller.enqueue(encoder.encode(csvRowLines(next.value, columns)));
            return;
          }
        }
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
