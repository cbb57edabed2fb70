import { writeFile } from "node:fs/promises";
import { Option, type Command } from "commander";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { unsafeActorByEmail } from "@/lib/services/changes/config-sync";
import { exportPortfolioReport, formatFigureValue } from "@/lib/services/portfolio";
import { REPORT_FORMATS, ZReportFormat } from "@/lib/validation/portfolio";
import { PACKAGE_ROOT, requireDatabaseUrl } from "../context";
import { CliError, EXIT } from "../errors";

type TRoiOptions = { format: string; out: string; as?: string; wave?: string; status?: string };

async function reportActor(email: string | undefined): Promise<Actor> {
  if (!email) return systemActor("cli");
  const actor = await unsafeActorByEmail(email);
  if (!actor) throw new CliError(EXIT.BAD_INPUT, `--as ${email}: no active user with that email.`);
  return actor;
}

export function registerReport(program: Command): void {
  const report = program.command("report").description("Reports for people who read rather than operate");
  report
    .command("roi")
    .description("The portfolio ROI report (estimated against realized from engine traffic) as a PDF or PNG file")
    .addOption(new Option("--format <format>", "file format").choices([...REPORT_FORMATS]).makeOptionMandatory())
    .requiredOption("--out <file>", "where to write the file")
    .addOption(
      new Option("--as <email>", "read as this user (their role needs portfolio:read); default: the system").env(
        "SWITCHBOARD_USER",
      ),
    )
    .option("--wave <n>", 'only this roadmap wave ("none": not in a wave)')
    .option("--status <status>", "only candidates in this status (draft, proposed, approved)")
    .action(async (opts: TRoiOptions) => {
      const format = ZReportFormat.parse(opts.format);
      requireDatabaseUrl();
      const actor = await reportActor(opts.as);
      const file = await exportPortfolioReport(
        actor,
        { format, filters: { wave: opts.wave, status: opts.status } },
        { fontRoot: PACKAGE_ROOT },
      );
      await writeFile(opts.out, file.bytes);
      const t = file.report.totals;
      process.stdout.write(
        `Wrote ${opts.out} (${format.toUpperCase()}, ${file.bytes.length.toLocaleString("en-US")} bytes): ${file.report.filterLabel}; ` +
          `${formatFigureValue(t.realizedToDate)} realized to date, ${t.runRate.value === null ? "no run-rate yet" : `${formatFigureValue(t.runRate)} a year run-rate`}, ` +
          `${formatFigureValue(t.estimatedAnnualSavings)} a year estimated.\n`,
      );
    });
}
