import type { Command } from "commander";
import { runTsScript } from "../child";
import { requireDatabaseUrl } from "../context";
import { setExitCode } from "../exit";

export function registerDb(program: Command): void {
  const db = program.command("db").description("Database schema and demo data");
  db.command("migrate")
    .description("Apply pending migrations (same runner as npm run db:migrate)")
    .action(async () => {
      requireDatabaseUrl();
      setExitCode(await runTsScript(["prisma/migrate.ts", "apply"]));
    });
  db.command("status")
    .description("List applied and pending migrations; exit code 1 when any are pending or failed")
    .action(async () => {
      requireDatabaseUrl();
      setExitCode(await runTsScript(["prisma/migrate.ts", "status"]));
    });
  db.command("seed")
    .description("Load the demo data (idempotent)")
    .action(async () => {
      requireDatabaseUrl();
      setExitCode(await runTsScript(["--conditions=react-server", "prisma/seed.ts"]));
    });
}
