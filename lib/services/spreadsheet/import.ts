import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction } from "@/lib/db";
import { appendAudit, type AuditInput } from "@/lib/services/audit";
import { readSheetFile } from "@/lib/spreadsheet/file-format";
import type { ImportOptions, ImportReport, RowIssue, Sheet } from "@/lib/spreadsheet/types";
import { sortIssues, validateTable } from "@/lib/spreadsheet/validate";
import type { TSheetFormat } from "@/lib/validation/inventory";

/** Long imports hold one transaction so they stay all or nothing. */
const IMPORT_TIMEOUT_MS = 15 * 60 * 1000;

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
export async function importSheetFile(
  actor: Actor,
  sheet: Sheet,
  bytes: Uint8Array,
  format: TSheetFormat,
  opts: ImportOptions,
): Promise<ImportReport> {
  const { kind } = sheet;
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
