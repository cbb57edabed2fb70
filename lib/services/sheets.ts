import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import type { ExportFilter, ImportOptions, ImportReport, Sheet } from "@/lib/spreadsheet/types";
import type { TSheetFormat } from "@/lib/validation/inventory";
import { interfacesSheet } from "./inventory/interfaces-sheet";
import { processesSheet } from "./inventory/processes-sheet";
import { systemsSheet } from "./inventory/systems-sheet";
import { candidatesSheet } from "./prioritization/candidates-sheet";
import { exportSheetFile, importSheetFile } from "./spreadsheet";

export { CONTENT_TYPES } from "./spreadsheet";
export { formatFromFilename, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/spreadsheet/file-format";
export type { ImportPhase, ImportProgress, ImportReport } from "@/lib/spreadsheet/types";

/**
 * Every sheet that imports and exports, in the order a workshop fills them in (systems before the
 * processes and interfaces that name them). The one place that knows the areas' sheets: each area
 * defines its own with lib/spreadsheet and adds it here, one line each.
 */
export const SHEETS: readonly Sheet[] = [systemsSheet, processesSheet, interfacesSheet, candidatesSheet];

export function getSheet(kind: string): Sheet {
  const sheet = SHEETS.find((s) => s.kind === kind);
  if (!sheet) throw new AppError("NOT_FOUND", `Unknown sheet "${kind}". Choose one of: ${sheetKinds().join(", ")}.`);
  return sheet;
}

export const sheetKinds = (): string[] => SHEETS.map((s) => s.kind);

// async, so an unknown kind rejects rather than throws, as before.
export async function importSheet(
  actor: Actor,
  kind: string,
  bytes: Uint8Array,
  format: TSheetFormat,
  opts: ImportOptions,
): Promise<ImportReport> {
  return importSheetFile(actor, getSheet(kind), bytes, format, opts);
}

export async function exportSheet(
  actor: Actor,
  kind: string,
  format: TSheetFormat,
  filter?: ExportFilter,
): ReturnType<typeof exportSheetFile> {
  return exportSheetFile(actor, getSheet(kind), format, filter);
}
