import { CommanderError, type Command } from "commander";
import { ZodError } from "zod";
import { describe, expect, it } from "vitest";
import { describeFailure } from "./errors";
import { buildProgram } from "./program";

const quiet = () => {
  const err: string[] = [];
  return { err, program: buildProgram({ writeOut: () => {}, writeErr: (s) => void err.push(s) }) };
};
const paths = (cmd: Command, prefix = ""): string[] =>
  cmd.commands.flatMap((c) => [`${prefix}${c.name()}`, ...paths(c, `${prefix}${c.name()} `)]);

describe("switchboard program", () => {
  it("offers the foundation commands", () => {
    expect(paths(buildProgram())).toEqual(
      expect.arrayContaining(["db migrate", "db status", "db seed", "users create", "audit verify"]),
    );
  });

  it("rejects a missing required option with a commander error naming it", async () => {
    const { err, program } = quiet();
    const failure = program.parseAsync(["users", "create", "--name", "A", "--role", "viewer"], { from: "user" });
    await expect(failure).rejects.toBeInstanceOf(CommanderError);
    expect(err.join("")).toContain("--email");
  });

  it("rejects a bad role before asking for a password or touching the database", async () => {
    const { program } = quiet();
    const error = await program
      .parseAsync(
        [
          "users",
          "create",
          "--email",
          "a@example.com",
          "--name",
          "A",
          "--role",
          "boss",
          "--password",
          "long-enough-pass",
        ],
        { from: "user" },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    const { exitCode, message } = describeFailure(error);
    expect(exitCode).toBe(2);
    expect(message).toMatch(/^Invalid input: role: Choose one of: admin/);
    expect(message).not.toContain("\n");
  });

  it("names the password when it is too short", async () => {
    const { program } = quiet();
    const error = await program
      .parseAsync(
        ["users", "create", "--email", "a@example.com", "--name", "A", "--role", "viewer", "--password", "short"],
        { from: "user" },
      )
      .catch((e: unknown) => e);
    expect(describeFailure(error)).toEqual({
      exitCode: 2,
      message: "Invalid input: password: Use at least 12 characters.",
    });
  });

  it("names an invalid email", async () => {
    const { program } = quiet();
    const error = await program
      .parseAsync(
        [
          "users",
          "create",
          "--email",
          "not-an-email",
          "--name",
          "A",
          "--role",
          "viewer",
          "--password",
          "long-enough-pass",
        ],
        { from: "user" },
      )
      .catch((e: unknown) => e);
    expect(describeFailure(error).message).toMatch(/^Invalid input: email: /);
  });
});
