import path from "node:path";
import { fileURLToPath } from "node:url";
import { env } from "@/lib/env";
import { CliError, EXIT } from "./errors";

export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Options every command can read (set on the root program). */
export type TGlobalOptions = { verbose?: boolean };

/** Commands that touch the database call this first, so a missing URL gets advice instead of a stack. */
export function requireDatabaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) {
    throw new CliError(
      EXIT.FAILURE,
      "DATABASE_URL is not set. Point it at your PostgreSQL server (export DATABASE_URL=postgresql://user@host:5432/switchboard, see .env.example), or, while `npm start` runs its embedded database: export DATABASE_URL=$(cat .data/database-url)",
    );
  }
  return url;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}\n`);
}
