import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction } from "@/lib/db";
import { appendAudit, type AuditInput } from "@/lib/services/audit";
import type { TSheetFormat } from "@/lib/validation/inventory";
import { readSheetFile, type RawTable } from "./file-format";
import { getSheet } from "./sheets";
import type { ImportCounts, ParsedRow, RowIssue, Sheet } from "./types";

export type ImportPhase = "reading" | "validating" | "checking" | "writing" | "auditing";
export type ImportProgress = { phase: ImportPhase; done: number; total: number };

export type ImportReport = {
  kind: string;
  rowCount: number;
  /** Every issue, in row order. A non-empty list means nothing was written. */
  issues: RowIssue[];
  committed: boolean;
  counts: ImportCounts | null;
};

export type ImportOptions = { dryRun: boolean; onProgress?: (p: ImportProgress) => void };

/** Long imports hold one transaction so they stay all or nothing. */
const IMPORT_TIMEOUT_MS = 15 * 60 * 1000;

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

class IssuesFound extends Error {
  constructor(readonly issues: RowIssue[]) {
    super("import has issues");
  }
}

/**
 * Validates a spreadsheet and, unless it is a dry run, writes it: all rows in one transaction, or
 * none. Any issue (schema, duplicate, unknown reference) stops the import, and the report lists
 * each one by row number and column so the file can be fixed and uploaded again.
 */
export async function importSheet(
  actor: Actor,
  kind: string,
  bytes: Uint8Array,
  format: TSheetFormat,
  opts: ImportOptions,
): Promise<ImportReport> {
  const sheet = getSheet(kind);
  assertCan(actor, opts.dryRun ? sheet.readPermission : sheet.editPermission);
  const progress = opts.onProgress ?? (() => {});
  progress({ phase: "reading", done: 0, total: 0 });
  const table = await readSheetFile(bytes, format);
  const total = table.rows.length;
  progress({ phase: "validating", done: 0, total });
  const { rows, issues } = validateTable(sheet, table);
  progress({ phase: "validating", done: total, total });
  const report = (extra: Partial<ImportReport>): ImportReport => ({
    kind,
    rowCount: total,
    issues: [],
    committed: false,
    counts: null,
    ...extra,
  });
  if (issues.length) return report({ issues: sortIssues(issues) });
  if (total === 0)
    return report({
      issues: [{ row: 2, field: sheet.columns[0].key, message: "The file has a header row but no data rows." }],
    });

  try {
    return await transaction(async (tx) => {
      progress({ phase: "checking", done: 0, total });
      const refIssues = await sheet.checkReferences(tx, rows);
      if (refIssues.length) throw new IssuesFound(refIssues);
      progress({ phase: "checking", done: total, total });
      if (opts.dryRun) return report({});
      const entries: AuditInput[] = [];
      const collect = async (_tx: unknown, entry: AuditInput) => void entries.push(entry);
      const counts = await sheet.apply(tx, actor, rows, (done) => progress({ phase: "writing", done, total }), collect);
      for (const [i, entry] of entries.entries()) {
        await appendAudit(tx, entry);
        if (i % 50 === 49 || i === entries.length - 1)
          progress({ phase: "auditing", done: i + 1, total: entries.length });
      }
      // Each changed record has its own entry; this one ties them to the file. A no-op re-import logs nothing.
      if (counts.created + counts.updated > 0) {
        await appendAudit(tx, {
          actor,
          action: `inventory.import.${kind}`,
          entityType: "Import",
          entityId: kind,
          after: { rows: total, format, ...counts },
        });
      }
      return report({ committed: true, counts });
    }, IMPORT_TIMEOUT_MS);
  } catch (error) {
    if (error instanceof IssuesFound) return report({ issues: sortIssues(error.issues) });
    throw error;
  }
}

function sortIssues(issues: RowIssue[]): RowIssue[] {
  return [...issues].sort((a, b) => a.row - b.row);
}
