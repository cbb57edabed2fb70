import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { MigrationList } from "@prisma/schema-engine-wasm/schema_engine_bg";

export const LOCKFILE = "migration_lock.toml";
const LOCK_CONTENT = '# Managed by Prisma Migrate; keep in version control.\nprovider = "postgresql"\n';

/** Reads prisma/migrations the way `prisma migrate` does, so both tools see the same history. */
export function readMigrations(baseDir: string): MigrationList {
  const dirs = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(baseDir, LOCKFILE);
  return {
    baseDir,
    lockfile: { path: LOCKFILE, content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
      const file = path.join(baseDir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file)
            ? { tag: "ok" as const, value: readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `missing ${file}` },
        },
      };
    }),
  };
}

export function writeMigration(baseDir: string, name: string, script: string): string {
  const dir = path.join(baseDir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), script);
  const lockPath = path.join(baseDir, LOCKFILE);
  if (!existsSync(lockPath)) writeFileSync(lockPath, LOCK_CONTENT);
  return dir;
}
