import type { Command } from "commander";
import { verifyAuditChain } from "@/lib/services/audit";
import { printJson, requireDatabaseUrl } from "../context";
import { EXIT } from "../errors";
import { setExitCode } from "../exit";

export function registerAudit(program: Command): void {
  const audit = program.command("audit").description("The hash-chained audit log");
  audit
    .command("verify")
    .description("Recompute the chain; exit code 1 and the first broken entry when any row was changed or removed")
    .option("--json", "print the report as JSON")
    .action(async (opts: { json?: boolean }) => {
      requireDatabaseUrl();
      const report = await verifyAuditChain();
      if (opts.json) printJson(report);
      else if (report.ok) process.stdout.write(`OK: ${report.checked} entries verified\n`);
      else
        process.stdout.write(
          `BROKEN at entry #${report.brokenSeq}: ${report.reason} (${report.checked} entries before it are intact)\n`,
        );
      setExitCode(report.ok ? EXIT.OK : EXIT.FAILURE);
    });
}
