import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { systemActor } from "@/lib/auth/actor";
import { exportSheet, formatFromFilename, importSheet, sheetKinds, type ImportProgress } from "@/lib/services/sheets";
import { SHEET_FORMATS, type TSheetFormat } from "@/lib/validation/inventory";
import { printJson, requireDatabaseUrl } from "../context";
import { CliError, EXIT } from "../errors";

type TImportOptions = { kind: string; dryRun?: boolean; json?: boolean };
type TExportOptions = { kind: string; format: string; out: string };

function checkKind(kind: string): void {
  if (!sheetKinds().includes(kind))
    throw new CliError(EXIT.BAD_INPUT, `--kind: "${kind}" is not a sheet; use one of ${sheetKinds().join(", ")}.`);
}

/** Progress on stderr for terminals only, so piped output stays clean. */
function progressPrinter(): ((p: ImportProgress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = "";
  return (p) => {
    const line = p.total ? `${p.phase} ${p.done}/${p.total}` : p.phase;
    if (line !== last) process.stderr.write(`\r${(last = line).padEnd(40)}`);
  };
}

export function registerInventory(program: Command): void {
  const inventory = program
    .command("inventory")
    .description("Process inventory spreadsheets (processes, systems, interfaces)");
  inventory
    .command("import")
    .description(
      "Import a CSV or XLSX sheet, all rows or none (audited as system:cli). Exit 2 names each bad row and field.",
    )
    .argument("<file>", "a .csv or .xlsx file with a header row")
    .requiredOption("--kind <kind>", `the sheet: ${sheetKinds().join(", ")}`)
    .option("--dry-run", "validate only; write nothing")
    .option("--json", "print the report as JSON")
    .action(async (file: string, opts: TImportOptions) => {
      checkKind(opts.kind);
      const format = formatFromFilename(file);
      if (!format) throw new CliError(EXIT.BAD_INPUT, `${file}: use a .csv or .xlsx file.`);
      const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
        throw new CliError(EXIT.BAD_INPUT, `${file}: cannot read the file (${error.code ?? error.message}).`);
      });
      requireDatabaseUrl();
      const report = await importSheet(systemActor("cli"), opts.kind, new Uint8Array(bytes), format, {
        dryRun: Boolean(opts.dryRun),
        onProgress: progressPrinter(),
      });
      if (process.stderr.isTTY) process.stderr.write("\r".padEnd(41) + "\r");
      if (opts.json) printJson(report);
      if (report.issues.length) {
        if (!opts.json)
          for (const i of report.issues)
            process.stderr.write(`${path.basename(file)}: row ${i.row}, field ${i.field}: ${i.message}\n`);
        const first = report.issues[0];
        throw new CliError(
          EXIT.BAD_INPUT,
          `${report.issues.length} problem(s) in ${path.basename(file)}, first at row ${first.row}, field ${first.field}; nothing was imported. Fix the file and run the command again.`,
        );
      }
      if (opts.json) return;
      if (report.committed && report.counts) {
        const c = report.counts;
        process.stdout.write(
          `Imported ${report.rowCount} ${opts.kind} row(s): ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged.\n`,
        );
      } else {
        process.stdout.write(`OK: all ${report.rowCount} ${opts.kind} row(s) are valid (dry run, nothing written).\n`);
      }
    });
  inventory
    .command("export")
    .description("Export a sheet in the layout the import reads")
    .requiredOption("--kind <kind>", `the sheet: ${sheetKinds().join(", ")}`)
    .option("--format <format>", `${SHEET_FORMATS.join(" or ")}`, "csv")
    .requiredOption("--out <file>", "where to write the file")
    .action(async (opts: TExportOptions) => {
      checkKind(opts.kind);
      if (!SHEET_FORMATS.includes(opts.format as TSheetFormat))
        throw new CliError(EXIT.BAD_INPUT, `--format: use ${SHEET_FORMATS.join(" or ")}.`);
      requireDatabaseUrl();
      const file = await exportSheet(systemActor("cli"), opts.kind, opts.format as TSheetFormat);
      await writeFile(opts.out, file.bytes);
      process.stdout.write(`Wrote ${file.rowCount} ${opts.kind} row(s) to ${opts.out}.\n`);
    });
}
