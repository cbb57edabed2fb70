import path from "node:path";
import { openSchemaEngine, readSchemaFiles, type SchemaEngine } from "./schema-engine";
import { readMigrations, writeMigration } from "./migrations-dir";

const NO_FILTER = { externalTables: [], externalEnums: [] };

export type RunnerOptions = { url: string; schemaPath: string; migrationsDir: string };

async function withEngine<T>(opts: RunnerOptions, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const engine = await openSchemaEngine(opts.url, opts.schemaPath);
  try {
    return await fn(engine);
  } finally {
    engine.free();
  }
}

/** Applies pending migrations; writes _prisma_migrations exactly as `prisma migrate deploy` does. */
export function applyMigrations(opts: RunnerOptions): Promise<string[]> {
  return withEngine(opts, async (engine) => {
    const out = await engine.applyMigrations({
      migrationsList: readMigrations(opts.migrationsDir),
      filters: NO_FILTER,
    });
    return out.appliedMigrationNames;
  });
}

/** Diffs schema.prisma against the migration history (in a shadow database) and writes a new migration. */
export function createMigration(
  opts: RunnerOptions,
  name: string,
): Promise<{ dir: string | null; script: string | null }> {
  return withEngine(opts, async (engine) => {
    const migrationsList = readMigrations(opts.migrationsDir);
    const diag = await engine.devDiagnostic({ migrationsList, filters: NO_FILTER });
    if (diag.action.tag === "reset") {
      throw new Error(`The database has drifted from the migration history: ${diag.action.reason}`);
    }
    const schema = { files: readSchemaFiles(opts.schemaPath).map(([p, content]) => ({ path: p, content })) };
    const out = await engine.createMigration({
      draft: false,
      migrationName: name,
      migrationsList,
      schema,
      filters: NO_FILTER,
    });
    if (!out.migrationScript) return { dir: null, script: null };
    const dir = writeMigration(opts.migrationsDir, out.generatedMigrationName, out.migrationScript);
    return { dir: path.relative(process.cwd(), dir), script: out.migrationScript };
  });
}

export type MigrationStatus = { applied: string[]; pending: string[]; failed: string[] };

export function migrationStatus(opts: RunnerOptions): Promise<MigrationStatus> {
  return withEngine(opts, async (engine) => {
    const migrationsList = readMigrations(opts.migrationsDir);
    const all = migrationsList.migrationDirectories.map((d) => d.path);
    const out = await engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: NO_FILTER,
    });
    const pending =
      out.history?.diagnostic === "databaseIsBehind" || out.history?.diagnostic === "historiesDiverge"
        ? out.history.unappliedMigrationNames
        : [];
    const failed = out.failedMigrationNames ?? [];
    return { applied: all.filter((n) => !pending.includes(n) && !failed.includes(n)), pending, failed };
  });
}
