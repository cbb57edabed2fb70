// Migration runner on Prisma's WASM schema engine: `npm run db:migrate | db:migration -- <name> | db:status`.
// Run as its own process: an engine panic aborts the process, never the caller.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { databaseUrl } from "../lib/env";
import { applyMigrations, createMigration, migrationStatus, type RunnerOptions } from "./lib/runner";

const here = path.dirname(fileURLToPath(import.meta.url));
const USAGE = "usage: migrate.ts apply | create <name> | status";

async function main(argv: string[]): Promise<number> {
  const [command, name] = argv;
  const opts: RunnerOptions = {
    url: databaseUrl(),
    schemaPath: path.join(here, "schema"),
    migrationsDir: path.join(here, "migrations"),
  };
  switch (command) {
    case "apply": {
      const applied = await applyMigrations(opts);
      console.log(
        applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.",
      );
      return 0;
    }
    case "create": {
      if (!name || !/^[a-z0-9_]+$/.test(name)) {
        console.error("Give the migration a name of lowercase letters, digits and underscores, e.g. add_flows");
        return 2;
      }
      const out = await createMigration(opts, name);
      console.log(
        out.dir
          ? `Created ${out.dir}/migration.sql. Apply it with npm run db:migrate.`
          : "No schema changes: no migration created.",
      );
      return 0;
    }
    case "status": {
      const s = await migrationStatus(opts);
      console.log(`applied: ${s.applied.length}  pending: ${s.pending.length}  failed: ${s.failed.length}`);
      for (const n of s.pending) console.log(`  pending  ${n}`);
      for (const n of s.failed) console.log(`  failed   ${n}`);
      return s.pending.length || s.failed.length ? 1 : 0;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
