import "server-only";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { AppError } from "@/lib/errors";
import type { TSheetFormat } from "@/lib/validation/inventory";
import type { ExportCell } from "./types";

export type RawTable = { headers: string[]; rows: { row: number; cells: string[] }[] };

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;

// Excel runs cells starting with these as formulas; exports prefix them with "'" and imports strip it.
const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeCell(value: ExportCell): ExportCell {
  return typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : value;
}

export function unescapeCell(value: string): string {
  return value.length > 1 && value[0] === "'" && FORMULA_START.test(value[1]) ? value.slice(1) : value;
}

export function formatFromFilename(name: string): TSheetFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(".csv") || lower.endsWith(".txt")) return "csv";
  if (lower.endsWith(".xlsx")) return "xlsx";
  return null;
}

/** Reads the first worksheet (XLSX) or the whole file (CSV). Row numbers are the spreadsheet's own: the header is row 1. */
export async function readSheetFile(bytes: Uint8Array, format: TSheetFormat): Promise<RawTable> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`,
    );
  }
  const grid = format === "csv" ? readCsv(bytes) : await readXlsx(bytes);
  const headerIndex = grid.findIndex((g) => g.cells.some((c) => c.trim() !== ""));
  if (headerIndex < 0) throw new AppError("VALIDATION", "The file is empty. Put the column headers in the first row.");
  const headers = grid[headerIndex].cells.map((h) => h.trim());
  const rows = grid.slice(headerIndex + 1).filter((g) => g.cells.some((c) => c.trim() !== ""));
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `The file has ${rows.length} rows; the limit is ${MAX_IMPORT_ROWS}. Split it into smaller files.`,
    );
  }
  return { headers, rows: rows.map((g) => ({ row: g.row, cells: g.cells.map(unescapeCell) })) };
}

function readCsv(bytes: Uint8Array): { row: number; cells: string[] }[] {
  const text = new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const fatal = parsed.errors.find((e) => e.type === "Quotes");
  if (fatal) {
    throw new AppError(
      "VALIDATION",
      `The CSV is malformed near row ${(fatal.row ?? 0) + 1}: ${fatal.message}. Check for an unclosed quote.`,
    );
  }
  // Numbered by record, as a spreadsheet app shows it, so a quoted multi-line cell is still one row.
  return parsed.data.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => String(c ?? "")) }));
}

async function readXlsx(bytes: Uint8Array): Promise<{ row: number; cells: string[] }[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError(
      "VALIDATION",
      "The file is not a readable .xlsx workbook. Save it as Excel Workbook (.xlsx) or CSV.",
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError("VALIDATION", "The workbook has no worksheets.");
  const out: { row: number; cells: string[] }[] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
    out.push({ row: rowNumber, cells });
  });
  return out;
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "string") return v;
  if (v instanceof Date) return v.toISOString();
  return cell.text ?? "";
}

/** Writes rows as CSV text or XLSX bytes, with the column keys as the header row. */
export async function writeSheetFile(
  keys: readonly string[],
  rows: Record<string, ExportCell>[],
  format: TSheetFormat,
  sheetName: string,
): Promise<Uint8Array> {
  if (format === "csv") {
    const csv = Papa.unparse(
      { fields: [...keys], data: rows.map((r) => keys.map((k) => escapeCell(r[k] ?? ""))) },
      { newline: "\r\n" },
    );
    return new TextEncoder().encode(csv + "\r\n");
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Switchboard";
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = keys.map((k) => ({ header: k, key: k, width: Math.min(60, Math.max(12, k.length + 4)) }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  for (const r of rows) sheet.addRow(Object.fromEntries(keys.map((k) => [k, escapeCell(r[k] ?? "")])));
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
