import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { TPermission } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db";
import type { AuditInput } from "@/lib/services/audit";
import type { TListQuery } from "@/lib/validation/list";

/**
 * The contract for one importable/exportable sheet (processes, systems, interfaces, candidates...).
 * A sheet module describes its columns, a zod schema for one row, how to check references against
 * the database and how to write rows; lib/services/inventory/spreadsheet/import.ts does the rest
 * (file parsing, header matching, the row-by-row report, all-or-nothing transaction, progress).
 * To add a sheet: write `<kind>-sheet.ts` with `defineSheet({...})` and add it to SHEETS in sheets.ts.
 */
export type SheetColumn = {
  /** Also the header in exported files; import matches headers ignoring case, spaces and underscores. */
  key: string;
  required?: boolean;
  /** Shown on the import page so people know what to type. */
  hint: string;
};

export type RowIssue = { row: number; field: string; message: string };
export type ImportCounts = { created: number; updated: number; unchanged: number };
export type ParsedRow<T> = { row: number; value: T };
export type ProgressFn = (done: number, total: number) => void;
export type ExportCell = string | number;
export type ExportFilter = Pick<TListQuery, "q" | "filters">;
/**
 * Where a sheet's writes send their audit entries. The import collects them and appends them after
 * the last row: appending takes the audit chain's lock until commit, and a long import must not
 * hold it (and stall every other audited write) while it writes thousands of rows.
 */
export type AuditWriter = (tx: Tx, entry: AuditInput) => Promise<void>;

export type SheetDefinition<S extends z.ZodType> = {
  kind: string;
  label: string;
  readPermission: TPermission;
  editPermission: TPermission;
  columns: readonly SheetColumn[];
  /** Validates one row: input is `{ [column key]: cell text }`; issue paths name the column. */
  schema: S;
  /** Identifies a record in files and in the database; two rows with one key are an error. */
  naturalKey(row: z.output<S>): string;
  /** Database checks (unknown system, unknown owner...). Runs in the import transaction. */
  checkReferences(tx: Tx, rows: ParsedRow<z.output<S>>[]): Promise<RowIssue[]>;
  /** Upserts every row by natural key, auditing each change through `audit`. Only called when there are no issues. */
  apply(
    tx: Tx,
    actor: Actor,
    rows: ParsedRow<z.output<S>>[],
    progress: ProgressFn,
    audit: AuditWriter,
  ): Promise<ImportCounts>;
  /** Rows for export, keyed by column key; the same filter shape the list pages use. */
  exportRows(actor: Actor, filter: ExportFilter): Promise<Record<string, ExportCell>[]>;
};

/** A sheet with its row type erased, so one registry can hold them all. */
export type Sheet = {
  kind: string;
  label: string;
  readPermission: TPermission;
  editPermission: TPermission;
  columns: readonly SheetColumn[];
  parseRow(
    cells: Record<string, string>,
  ): { ok: true; value: unknown; key: string } | { ok: false; issues: { field: string; message: string }[] };
  checkReferences(tx: Tx, rows: ParsedRow<unknown>[]): Promise<RowIssue[]>;
  apply(
    tx: Tx,
    actor: Actor,
    rows: ParsedRow<unknown>[],
    progress: ProgressFn,
    audit: AuditWriter,
  ): Promise<ImportCounts>;
  exportRows(actor: Actor, filter: ExportFilter): Promise<Record<string, ExportCell>[]>;
};

export function defineSheet<S extends z.ZodType>(def: SheetDefinition<S>): Sheet {
  type Row = z.output<S>;
  return {
    kind: def.kind,
    label: def.label,
    readPermission: def.readPermission,
    editPermission: def.editPermission,
    columns: def.columns,
    parseRow(cells) {
      const parsed = def.schema.safeParse(cells);
      if (parsed.success) return { ok: true, value: parsed.data, key: def.naturalKey(parsed.data as Row) };
      return {
        ok: false,
        issues: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? "row"), message: i.message })),
      };
    },
    checkReferences: (tx, rows) => def.checkReferences(tx, rows as ParsedRow<Row>[]),
    apply: (tx, actor, rows, progress, audit) => def.apply(tx, actor, rows as ParsedRow<Row>[], progress, audit),
    exportRows: def.exportRows,
  };
}
