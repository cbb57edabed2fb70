import type { RawTable } from "./file-format";
import type { ParsedRow, RowIssue, Sheet } from "./types";

const headerKey = (s: string) => s.toLowerCase().replace(/[\s_\-*]/g, "");

/** Matches file headers to column keys; unknown and missing columns are row-1 issues. */
export function mapHeaders(sheet: Sheet, headers: string[]): { index: Map<string, number>; issues: RowIssue[] } {
  const byKey = new Map(sheet.columns.map((c) => [headerKey(c.key), c.key]));
  const index = new Map<string, number>();
  const issues: RowIssue[] = [];
  headers.forEach((h, i) => {
    if (!h) return;
    const key = byKey.get(headerKey(h));
    if (!key)
      issues.push({
        row: 1,
        field: h,
        message: `Unknown column "${h}". Expected columns: ${sheet.columns.map((c) => c.key).join(", ")}.`,
      });
    else if (index.has(key)) issues.push({ row: 1, field: h, message: `Column "${key}" appears twice. Keep one.` });
    else index.set(key, i);
  });
  for (const c of sheet.columns) {
    if (c.required && !index.has(c.key))
      issues.push({
        row: 1,
        field: c.key,
        message: `Required column "${c.key}" is missing. Add it to the header row.`,
      });
  }
  return { index, issues };
}

/** Validates every row without touching the database: schema, then duplicate natural keys. */
export function validateTable(sheet: Sheet, table: RawTable): { rows: ParsedRow<unknown>[]; issues: RowIssue[] } {
  const { index, issues } = mapHeaders(sheet, table.headers);
  if (issues.length) return { rows: [], issues };
  const rows: ParsedRow<unknown>[] = [];
  const firstRowByKey = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const record: Record<string, string> = {};
    for (const [key, i] of index) record[key] = (cells[i] ?? "").trim();
    const parsed = sheet.parseRow(record);
    if (!parsed.ok) {
      for (const issue of parsed.issues) issues.push({ row, ...issue });
      continue;
    }
    const first = firstRowByKey.get(parsed.key);
    if (first !== undefined) {
      issues.push({
        row,
        field: sheet.columns[0].key,
        message: `Duplicate of row ${first}: the same record appears twice in this file. Merge the rows.`,
      });
      continue;
    }
    firstRowByKey.set(parsed.key, row);
    rows.push({ row, value: parsed.value });
  }
  return { rows, issues };
}

export function sortIssues(issues: RowIssue[]): RowIssue[] {
  return [...issues].sort((a, b) => a.row - b.row);
}
