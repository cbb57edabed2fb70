import { Command } from "commander";
import { COMMANDS } from "./commands";

/** The command tree, without running anything: main.ts parses argv with it, tests inspect it. */
export function buildProgram(output?: { writeOut(s: string): void; writeErr(s: string): void }): Command {
  const program = new Command("switchboard")
    .description(
      "Switchboard from the command line. Needs DATABASE_URL; with the embedded database of `npm start`, use $(cat .data/database-url).",
    )
    .option("--verbose", "print stack traces for unexpected errors")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  // Set before the commands are added: subcommands copy it when they are created.
  if (output) program.configureOutput(output);
  for (const register of COMMANDS) register(program);
  // Subcommands inherit exitOverride so usage errors reach main.ts, which maps them to exit code 2.
  const all = (cmd: Command): Command[] => [cmd, ...cmd.commands.flatMap(all)];
  for (const cmd of all(program)) cmd.exitOverride();
  return program;
}
