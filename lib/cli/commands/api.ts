import { readFile } from "node:fs/promises";
import { Option, type Command } from "commander";
import { diffOpenApi, SEVERITY_ORDER, type TApiChange, type TApiChangeSeverity } from "@/lib/apis/diff";
import { OPENAPI_MAX_BYTES, parseOpenApiText, type TParsedOpenApi } from "@/lib/apis/openapi/parse";
import { CliError, EXIT } from "../errors";
import { setExitCode } from "../exit";

type TDiffOptions = { format: "json" | "text"; failOn: "breaking" | "warning" };

/** The JSON report of `switchboard api diff`: what CI tools read. */
export type TApiDiffReport = {
  base: string;
  revision: string;
  summary: Record<TApiChangeSeverity, number>;
  changes: {
    id: string;
    severity: TApiChangeSeverity;
    message: string;
    operation: string | null;
    base: { pointer: string; line: number | null } | null;
    revision: { pointer: string; line: number | null } | null;
    fields: string[];
  }[];
};

/** Reads and parses one document; anything that keeps it from being compared is exit 2, naming the file. */
async function load(file: string, role: "BASE" | "REVISION"): Promise<TParsedOpenApi> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new CliError(EXIT.BAD_INPUT, `${role} ${file}: cannot read the file (${error.code ?? error.message}).`);
  });
  if (bytes.length > OPENAPI_MAX_BYTES)
    throw new CliError(
      EXIT.BAD_INPUT,
      `${role} ${file}: ${bytes.length} bytes is over the ${OPENAPI_MAX_BYTES}-byte limit for an OpenAPI document.`,
    );
  const parsed = await parseOpenApiText(bytes.toString("utf8"));
  if (!parsed.ok) {
    const shown = parsed.problems
      .slice(0, 5)
      .map((p) => `\n  ${file}:${p.line ?? "?"} ${p.pointer || "/"}: ${p.message}`);
    const more = parsed.problems.length > 5 ? `\n  … and ${parsed.problems.length - 5} more` : "";
    throw new CliError(EXIT.BAD_INPUT, `${role} ${file} is not a valid OpenAPI 3 document:${shown.join("")}${more}`);
  }
  return parsed;
}

export function buildReport(base: string, revision: string, changes: TApiChange[]): TApiDiffReport {
  const summary = { breaking: 0, warning: 0, info: 0 };
  for (const c of changes) summary[c.severity] += 1;
  return {
    base,
    revision,
    summary,
    changes: changes.map((c) => ({
      id: c.id,
      severity: c.severity,
      message: c.message,
      operation: c.operation ?? null,
      base: c.base ?? null,
      revision: c.revision ?? null,
      fields: c.fields,
    })),
  };
}

/** One line per change: severity, rule id, where (file:line in the revision, else the base), message. */
export function formatText(report: TApiDiffReport): string {
  const lines = report.changes.map((c) => {
    const where = c.revision?.line
      ? `${report.revision}:${c.revision.line}`
      : c.base?.line
        ? `${report.base}:${c.base.line}`
        : report.revision;
    return `${c.severity.padEnd(8)} ${c.id}  ${where}  ${c.message}`;
  });
  const { breaking, warning, info } = report.summary;
  lines.push(report.changes.length ? `${breaking} breaking, ${warning} warning, ${info} info` : "No changes.");
  return `${lines.join("\n")}\n`;
}

export function registerApi(program: Command): void {
  const api = program.command("api").description("API contracts (OpenAPI 3.0/3.1)");
  api
    .command("diff")
    .description(
      "Compare two OpenAPI documents semantically and list each change with its rule id, severity and location. Exit 1 when a change at or above --fail-on is found, 0 otherwise, 2 when a document cannot be read or is invalid. Needs no database.",
    )
    .argument("<base>", "the published document (JSON or YAML)")
    .argument("<revision>", "the new document (JSON or YAML)")
    .addOption(new Option("--format <format>", "report format").choices(["text", "json"]).default("text"))
    .addOption(
      new Option("--fail-on <severity>", "lowest severity that fails")
        .choices(["breaking", "warning"])
        .default("breaking"),
    )
    .action(async (baseFile: string, revisionFile: string, opts: TDiffOptions) => {
      const base = await load(baseFile, "BASE");
      const revision = await load(revisionFile, "REVISION");
      const report = buildReport(baseFile, revisionFile, diffOpenApi(base, revision));
      process.stdout.write(opts.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : formatText(report));
      const threshold = SEVERITY_ORDER[opts.failOn];
      if (report.changes.some((c) => SEVERITY_ORDER[c.severity] >= threshold)) setExitCode(EXIT.FAILURE);
    });
}
