// The spreadsheet framework: what a sheet is made of and the parts of an import that need no
// database. It imports no area; the sheets live in their areas' services, their registry in
// lib/services/sheets.ts, and the transaction that writes an import in lib/services/spreadsheet.
export { defineSheet } from "./define-sheet";
export { formatFromFilename, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, readSheetFile, writeSheetFile } from "./file-format";
export type * from "./types";
export { mapHeaders, sortIssues, validateTable } from "./validate";
