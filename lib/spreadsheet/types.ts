import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { TPermission } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db";
import type { AuditWriter } from "@/lib/services/audit";
import type { TListQuery } from "@/lib/validation/list";

/**
 * The contract for one importable/exportable sheet (processes, systems, interfaces, candidates...).
 * A sheet describes its columns, a zod schema for one row, how to check references against the
 * database, and how to find and save the record of one row; the framework does the rest (file
 * parsing, header matching, the row-by-row report, the upsert loop with its counts and progress, the
 * all-or-nothing transaction). To add a sheet: write `<kind>-sheet.ts` in its area's service folder
 * with `defineSheet({...})` and add it to SHEETS in lib/services/sheets.ts.
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

export type ImportPhase = "reading" | "validating" | "checking" | "writing" | "auditing";
export type ImportProgress = { phase: ImportPhase; done: number; total: number };
export type ImportOptions = { dryRun: boolean; onProgress?: (p: ImportProgress) => void };

export type ImportReport = {
  kind: string;
  rowCount: number;
  /** Every issue, in row order. A non-empty list means nothing was written. */
  issues: RowIssue[];
  committed: boolean;
  counts: ImportCounts | null;
};

/**
 * `Row` is one parsed row, `Context` what `prepare` loaded for the whole file, `Existing` the stored
 * record a row updates (an id or the record itself, whatever the area's save function takes).
 */
export type SheetDefinition<S extends z.ZodType, Context, Existing> = {
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
  /**
   * Loads, in a few queries, what writing every row needs (referenced ids, the records the file may
   * touch), so an unchanged row costs no query of its own. Only called when there are no issues.
   */
  prepare(tx: Tx, actor: Actor, rows: ParsedRow<z.output<S>>[], audit: AuditWriter): Promise<Context>;
  /** Write order, when rows depend on each other; the file's order otherwise. */
  order?(rows: ParsedRow<z.output<S>>[]): ParsedRow<z.output<S>>[];
  /** The stored record this row updates, or undefined when the row creates one. */
  find(context: Context, row: z.output<S>): Existing | undefined;
  /** Creates or updates the row's record through the area's service, auditing through `audit`. */
  save(
    tx: Tx,
    actor: Actor,
    row: z.output<S>,
    existing: Existing | undefined,
    context: Context,
    audit: AuditWriter,
  ): Promise<{ changed: boolean }>;
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
  /** Upserts every row by natural key; only called when there are no issues. */
  apply(
    tx: Tx,
    actor: Actor,
    rows: ParsedRow<unknown>[],
    progress: ProgressFn,
    audit: AuditWriter,
  ): Promise<ImportCounts>;
  exportRows(actor: Actor, filter: ExportFilter): Promise<Record<string, ExportCell>[]>;
};
