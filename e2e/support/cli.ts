// Runs the `switchboard` CLI against the e2e database, as a pipeline would.
import { execFile } from "node:child_process";
import path from "node:path";
import { withDatabase } from "../../prisma/lib/migration-adapter";

const server = process.env.TEST_DATABASE_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const DATABASE_URL = withDatabase(server, process.env.E2E_DB ?? "switchboard_e2e");
// Playwright runs from the repository root (playwright.config.ts).
const BIN = path.resolve("bin/switchboard.mjs");

export type CliResult = { code: number; stdout: string; stderr: string };

export function switchboard(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, DATABASE_URL, LOG_LEVEL: "warn" }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
