import "server-only";

export { exportSheet, CONTENT_TYPES } from "./export";
export { formatFromFilename, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "./file-format";
export { importSheet, type ImportPhase, type ImportProgress, type ImportReport } from "./import";
export { getSheet, sheetKinds, SHEETS } from "./sheets";
export {
  defineSheet,
  type ImportCounts,
  type RowIssue,
  type Sheet,
  type SheetColumn,
  type SheetDefinition,
} from "./types";
