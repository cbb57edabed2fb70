#!/usr/bin/env node
// Entry for `switchboard` (npx, npm link, node_modules/.bin). Runs lib/cli/main.ts through the
// package's own tsx, with the package's tsconfig, so `@/` imports resolve from any directory.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "package.json"));
let tsxCli;
try {
  tsxCli = require.resolve("tsx/cli");
} catch {
  console.error(`switchboard: tsx is missing from ${root}/node_modules; run npm install there.`);
  process.exit(1);
}

const child = spawn(
  process.execPath,
  [
    tsxCli,
    "--tsconfig",
    path.join(root, "tsconfig.json"),
    "--conditions=react-server",
    path.join(root, "lib/cli/main.ts"),
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
child.on("error", (error) => {
  console.error(`switchboard: could not start: ${error.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 + (signal === "SIGINT" ? 2 : 15) : 1)));
