// `npm run bench -- <name> [args…]`: runs bench/<name>.ts in a child process (react-server
// conditions, so benches may use lib/services) and checks it wrote bench/results/<name>.json as
// { name, date, figures, headline: { metric, value, unit, baseline, ratio } }.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ZBenchResult } from "./lib/result";

const here = path.dirname(fileURLToPath(import.meta.url));

function available(): string[] {
  return readdirSync(here)
    .filter((f) => f.endsWith(".ts") && f !== "run.ts")
    .map((f) => f.replace(/\.ts$/, ""));
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || !/^[a-z0-9-]+$/.test(name) || !existsSync(path.join(here, `${name}.ts`))) {
    console.error(`usage: npm run bench -- <name> [args]\navailable: ${available().join(", ")}`);
    return 2;
  }
  const resultFile = path.join(here, "results", `${name}.json`);
  const started = Date.now();
  const code = await new Promise<number>((resolve) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", path.join(here, `${name}.ts`), ...rest],
      {
        cwd: path.resolve(here, ".."),
        stdio: "inherit",
      },
    );
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.once("SIGINT", forward);
    process.once("SIGTERM", forward);
    child.once("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  if (code !== 0) {
    console.error(`bench ${name} failed with exit code ${code}`);
    return code;
  }
  if (!existsSync(resultFile)) {
    console.error(`bench ${name} finished but did not write ${path.relative(process.cwd(), resultFile)}`);
    return 1;
  }
  const parsed = ZBenchResult.safeParse(JSON.parse(readFileSync(resultFile, "utf8")));
  if (!parsed.success) {
    console.error(
      `${path.relative(process.cwd(), resultFile)} does not have the bench result shape: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
    return 1;
  }
  if (Date.parse(parsed.data.date) < started - 1_000) {
    console.error(
      `${path.relative(process.cwd(), resultFile)} is older than this run: the bench did not write its result.`,
    );
    return 1;
  }
  const h = parsed.data.headline;
  console.log(`\n${name}: ${h.metric} = ${h.value} ${h.unit} (baseline ${h.baseline}, ratio ${h.ratio})`);
  console.log(`written to ${path.relative(process.cwd(), resultFile)}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
