import type { Command } from "commander";
import { systemActor } from "@/lib/auth/actor";
import { ROLES } from "@/lib/auth/permissions";
import { createUser } from "@/lib/services/users";
import { ZCreateUserInput } from "@/lib/validation/users";
import { printJson, requireDatabaseUrl } from "../context";
import { CliError, EXIT } from "../errors";
import { promptSecret, readPipedSecret } from "../read-secret";

type TCreateOptions = { email: string; name: string; role: string; password?: string; json?: boolean };

async function passwordFrom(opts: TCreateOptions): Promise<string> {
  if (opts.password !== undefined) return opts.password;
  if (process.stdin.isTTY) {
    const first = await promptSecret("Password (at least 12 characters): ", process.stdin, process.stderr);
    const again = await promptSecret("Repeat the password: ", process.stdin, process.stderr);
    if (first !== again) throw new CliError(EXIT.BAD_INPUT, "password: the two entries differ; run the command again.");
    return first;
  }
  return readPipedSecret(process.stdin);
}

export function registerUsers(program: Command): void {
  const users = program.command("users").description("Portal user accounts");
  users
    .command("create")
    .description(
      "Create a user (audited as system:cli). Without --password it is read from stdin, or prompted for on a terminal.",
    )
    .requiredOption("--email <address>", "sign-in email")
    .requiredOption("--name <name>", "display name")
    .requiredOption("--role <role>", `one of: ${ROLES.join(", ")}`)
    .option("--password <password>", "initial password (visible in shell history; prefer stdin or the prompt)")
    .option("--json", "print the created user as JSON")
    .action(async (opts: TCreateOptions) => {
      const base = { email: opts.email, name: opts.name, role: opts.role };
      // Check everything but the password before asking for it, so a typo in --role fails at once.
      ZCreateUserInput.omit({ password: true }).parse(base);
      const input = ZCreateUserInput.parse({ ...base, password: await passwordFrom(opts) });
      requireDatabaseUrl();
      const user = await createUser(systemActor("cli"), input);
      if (opts.json) printJson(user);
      else process.stdout.write(`Created ${user.role} ${user.email} (id ${user.id}).\n`);
    });
}
