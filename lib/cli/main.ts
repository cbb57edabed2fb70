// The `switchboard` CLI (bin/switchboard.mjs runs this with tsx). Commands live in ./commands.
import { existsSync } from "node:fs";
import path from "node:path";
import { CommanderError } from "commander";
import { PACKAGE_ROOT } from "./context";
import { describeFailure, EXIT } from "./errors";
import { exitCode } from "./exit";
import { buildProgram } from "./program";

const HELP_CODES = new Set([
  "commander.helpDisplayed",
  "commander.help",
  "commander.version",
  "commander.executeSubCommandAsync",
]);

async function main(argv: string[]): Promise<number> {
  // Same configuration as `npm start` and Next.js: a .env in the checkout (the shell's variables win).
  const dotenv = path.join(PACKAGE_ROOT, ".env");
  if (existsSync(dotenv)) process.loadEnvFile(dotenv);
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode();
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its one-line message (e.g. a missing --email).
      return HELP_CODES.has(error.code) ? error.exitCode : EXIT.BAD_INPUT;
    }
    const { exitCode: code, message } = describeFailure(error, argv.includes("--verbose"));
    process.stderr.write(`error: ${message}\n`);
    return code;
  }
}

// process.exit also closes the lazily created Prisma pool, which would otherwise keep the process alive.
main(process.argv.slice(2)).then((code) => process.exit(code));
