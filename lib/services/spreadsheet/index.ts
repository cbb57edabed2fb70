import "server-only";

// Writing and reading sheets as files, for any sheet it is given: it imports no area, so every area
// can define sheets (lib/spreadsheet) and lib/services/sheets.ts can list them without a cycle.
export { CONTENT_TYPES, exportSheetFile } from "./export";
export { importSheetFile } from "./import";
