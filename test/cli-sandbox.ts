// Test support for CLI commands: a scratch directory, captured stdout, and a `run` that parses
// arguments through the command as the real program would (commander, exitOverride).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Command } from "commander";
import { afterEach, beforeEach, vi } from "vitest";

export function useCliSandbox(register: (program: Command) => void, leadingArgs: string[]) {
  const sandbox = {
    dir: "",
    out: [] as string[],
    async run(...args: string[]): Promise<void> {
      const program = new Command().exitOverride();
      register(program);
      await program.parseAsync([...leadingArgs, ...args], { from: "user" });
    },
  };
  beforeEach(async () => {
    sandbox.dir = await mkdtemp(path.join(tmpdir(), `sb-${leadingArgs[0]}-`));
    sandbox.out = [];
    vi.spyOn(process.stdout, "write").mockImplementation((s) => (sandbox.out.push(String(s)), true));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(sandbox.dir, { recursive: true, force: true });
  });
  return sandbox;
}
