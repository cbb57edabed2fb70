import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { writeSheetFile } from "@/lib/spreadsheet/file-format";
import type { ExportFilter, Sheet } from "@/lib/spreadsheet/types";
import type { TSheetFormat } from "@/lib/validation/inventory";

export const CONTENT_TYPES: Record<TSheetFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Exports a sheet in the exact shape its import reads, so an export re-imports unchanged. */
export async function exportSheetFile(
  actor: Actor,
  sheet: Sheet,
  format: TSheetFormat,
  filter: ExportFilter = { q: "", filters: {} },
): Promise<{ bytes: Uint8Array; filename: string; contentType: string; rowCount: number }> {
  assertCan(actor, sheet.readPermission);
  const rows = await sheet.exportRows(actor, filter);
  const bytes = await writeSheetFile(
    sheet.columns.map((c) => c.key),
    rows,
    format,
    sheet.label,
  );
  const date = new Date().toISOString().slice(0, 10);
  return {
    bytes,
    filename: `switchboard-${sheet.kind}-${date}.${format}`,
    contentType: CONTENT_TYPES[format],
    rowCount: rows.length,
  };
}
