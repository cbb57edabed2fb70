import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Option, type Command } from "commander";
import {
  formatFromName,
  INPUT_FORMATS,
  profileInput,
  ProfileInputError,
  type TColumnProfile,
  type TInputFormat,
  type TProfileReport,
} from "@/lib/quality/profiling";
import { CliError, EXIT } from "../errors";

type TProfileOptions = { format: "text" | "json"; input?: TInputFormat };

/** The JSON report of `switchboard profile`: `{rows, columns:[{name, type, nulls, distinct, min, max, formats, …}]}`. */
export type TProfileCliReport = TProfileReport;

/** A .json file whose first character is "{" holds JSON lines, not an array. */
async function sniff(file: string): Promise<TInputFormat> {
  const byName = formatFromName(file);
  const handle = await open(file, "r").catch((error: NodeJS.ErrnoException) => {
    throw new CliError(EXIT.BAD_INPUT, `${file}: cannot read the file (${error.code ?? error.message}).`);
  });
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(512), 0, 512, 0);
    const first = buffer
      .subarray(0, bytesRead)
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trimStart()[0];
    if (byName === "json" && first === "{") return "jsonl";
    if (byName) return byName;
    if (first === "[") return "json";
    if (first === "{") return "jsonl";
    return "csv";
  } finally {
    await handle.close();
  }
}

/** Profiles one file; malformed input is exit 2 naming file:line. */
export async function profileFile(file: string, input?: TInputFormat): Promise<TProfileReport> {
  const format = input ?? (await sniff(file));
  try {
    const profiler = await profileInput(format, createReadStream(file, { highWaterMark: 1 << 20 }));
    return profiler.report();
  } catch (error) {
    if (error instanceof ProfileInputError)
      throw new CliError(EXIT.BAD_INPUT, `${file}:${error.line}: ${error.reason}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new CliError(EXIT.BAD_INPUT, `${file}: cannot read the file (${code}).`);
    throw error;
  }
}

const show = (v: number | string | null): string => {
  if (v === null) return "";
  const s = String(v).replace(/\s+/g, " ");
  return s.length > 24 ? `${s.slice(0, 23)}…` : s;
};

function formatsOf(c: TColumnProfile): string {
  const entries = Object.entries(c.formats);
  const total = entries.reduce((s, [, n]) => s + (n ?? 0), 0);
  return entries
    .slice(0, 3)
    .map(([f, n]) => `${f} ${Math.round(((n ?? 0) / total) * 100)}%`)
    .join(", ");
}

/** A readable table: one line per column. */
export function formatProfileText(file: string, report: TProfileReport): string {
  const header = ["column", "type", "nulls", "distinct", "min", "max", "length", "formats"];
  const rows = report.columns.map((c) => [
    c.name,
    c.typeDrift ? `${c.type}*` : c.type,
    `${c.nulls} (${(c.nullRate * 100).toFixed(1)}%)`,
    c.distinctExact ? String(c.distinct) : `~${c.distinct}`,
    show(c.min),
    show(c.max),
    c.length ? `${c.length.min}–${c.length.max}` : "",
    formatsOf(c),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  const notes = [
    `${file}: ${report.rows} rows, ${report.columns.length} columns`,
    ...(report.columns.some((c) => c.typeDrift) ? ["* more than one value type (see --format json: types)"] : []),
    ...(report.columns.some((c) => !c.distinctExact) ? ["~ distinct estimated (HyperLogLog, ±2%)"] : []),
    ...(report.droppedColumns ? [`${report.droppedColumns} further columns not profiled (column limit)`] : []),
  ];
  return `${[notes[0], "", line(header), ...rows.map(line), "", ...notes.slice(1)].join("\n").trimEnd()}\n`;
}

export function registerProfile(program: Command): void {
  program
    .command("profile")
    .description(
      "Profile a CSV, JSON array or JSON-lines file with the engine's profiler: per column null count, distinct count, min/max, lengths, formats, patterns, type drift, quantiles. Streams the file in bounded memory. Exit 2 with file:line for a malformed line. Needs no database.",
    )
    .argument("<file>", "the file to profile (.csv, .json, .jsonl)")
    .addOption(new Option("--format <format>", "report format").choices(["text", "json"]).default("text"))
    .addOption(
      new Option("--input <format>", "input format (default: from the file name and content)").choices(INPUT_FORMATS),
    )
    .action(async (file: string, opts: TProfileOptions) => {
      const report = await profileFile(file, opts.input);
      process.stdout.write(
        opts.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : formatProfileText(file, report),
      );
    });
}
