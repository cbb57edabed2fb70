import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { PACKAGE_ROOT } from "./context";

/**
 * Runs a TypeScript script of this package in its own process (the migration engine can abort
 * its process on a panic) and resolves with its exit code. stdio is shared, so output streams live.
 */
export function runTsScript(args: string[]): Promise<number> {
  const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsxCli, ...args], { cwd: PACKAGE_ROOT, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
