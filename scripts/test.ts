// `npm test`: lint, typecheck, unit, integration (real PostgreSQL + RabbitMQ) and Playwright journeys
// (real Chromium), then one summary. `npm test -- --only unit,integration` or `--skip e2e` to narrow.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { withDatabase } from "../prisma/lib/migration-adapter";
import { ensureChromium } from "./chromium";
import { startEmbeddedPostgres, type TEmbeddedPg } from "./lib/embedded-pg";

type Step = { name: string; run: () => StepResult | Promise<StepResult>; concurrent?: boolean };
type StepResult = { ok: boolean; passed?: number; failed?: number; skipped?: number; note?: string };

const REPORTS = ".test-reports";
const args = process.argv.slice(2);
const pick = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? (args[i + 1] ?? "").split(",").filter(Boolean) : null;
};
const only = pick("--only");
const skip = pick("--skip") ?? [];

function sh(cmd: string, cmdArgs: string[], env: Record<string, string> = {}): boolean {
  const r = spawnSync(cmd, cmdArgs, { stdio: "inherit", env: { ...process.env, ...env } });
  return r.status === 0;
}

/** Runs a command with its output held back and printed in one piece, so concurrent checks stay readable. */
function shQuiet(cmd: string, cmdArgs: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const child = spawn(cmd, cmdArgs, { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.stderr.on("data", (c: Buffer) => chunks.push(c));
    child.on("close", (code) => {
      process.stdout.write(`── ${[cmd, ...cmdArgs].join(" ")} (exit ${code})\n${Buffer.concat(chunks).toString()}`);
      resolve(code === 0);
    });
  });
}

function vitestCounts(file: string): Pick<StepResult, "passed" | "failed" | "skipped"> {
  if (!existsSync(file)) return {};
  const j = JSON.parse(readFileSync(file, "utf8"));
  return {
    passed: j.numPassedTests,
    failed: j.numFailedTests,
    skipped: (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0),
  };
}

function playwrightCounts(file: string): Pick<StepResult, "passed" | "failed" | "skipped"> {
  if (!existsSync(file)) return {};
  const s = JSON.parse(readFileSync(file, "utf8")).stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 }, () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
    socket.on("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const vitest = (name: string, config: string[]): Step => ({
  name,
  run: () => {
    const out = `${REPORTS}/${name}.json`;
    const ok = sh("npx", [
      "vitest",
      "run",
      ...config,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${out}`,
    ]);
    return { ok, ...vitestCounts(out) };
  },
});

const steps: Step[] = [
  // Lint and typecheck are single-threaded: they run side by side (each check runs even when another
  // fails, so one run lists every problem).
  {
    name: "lint",
    concurrent: true,
    run: async () => ({
      ok: (
        await Promise.all([
          shQuiet("npx", ["eslint", ".", "--max-warnings=0"]),
          shQuiet("npx", ["prettier", "--check", "."]).then(
            async (ok) => (await shQuiet("npx", ["tsx", "scripts/check-area-cycles.ts"])) && ok,
          ),
        ])
      ).every(Boolean),
    }),
  },
  { name: "typecheck", concurrent: true, run: async () => ({ ok: await shQuiet("npx", ["tsc", "--noEmit"]) }) },
  vitest("unit", []),
  vitest("integration", ["--config", "vitest.integration.config.ts"]),
  {
    name: "e2e",
    run: () => {
      const browser = ensureChromium();
      if (!browser.ok) return { ok: false, note: browser.message };
      const out = `${REPORTS}/e2e.json`;
      const ok = sh("npx", ["playwright", "test", "--reporter=list,json"], {
        CHROMIUM_PATH: browser.path,
        PLAYWRIGHT_JSON_OUTPUT_NAME: out,
      });
      return { ok, ...playwrightCounts(out) };
    },
  },
];

async function main(): Promise<number> {
  rmSync(REPORTS, { recursive: true, force: true });
  mkdirSync(REPORTS, { recursive: true });
  const selected = steps.filter((s) => (!only || only.includes(s.name)) && !skip.includes(s.name));
  let embedded: TEmbeddedPg | null = null;
  const needsDb = selected.some((s) => s.name === "integration" || s.name === "e2e");
  if (needsDb && !process.env.TEST_DATABASE_SERVER_URL && !(await reachable("127.0.0.1", 5432))) {
    // No PostgreSQL on this machine: tests get their own embedded server, as `npm start` does.
    console.log("No PostgreSQL on 127.0.0.1:5432: starting an embedded one for the tests (.data/test-pg)…");
    embedded = await startEmbeddedPostgres({ stateDir: ".data/test-pg", preferredPort: 54339, database: "postgres" });
    process.env.TEST_DATABASE_SERVER_URL = withDatabase(embedded.url, "postgres");
  }
  if (needsDb && !(await reachable("127.0.0.1", 5672))) {
    console.log(
      "Note: RabbitMQ is not reachable on 127.0.0.1:5672; the engine's RabbitMQ integration tests will fail (see README, 'Testing').",
    );
  }
  const results: { name: string; seconds: number; r: StepResult }[] = [];
  const timed = async (step: Step) => {
    const started = Date.now();
    const r = await step.run();
    return { name: step.name, seconds: (Date.now() - started) / 1000, r };
  };
  const together = selected.filter((s) => s.concurrent);
  if (together.length) {
    console.log(`\n━━ ${together.map((s) => s.name).join(" + ")} ━━`);
    results.push(...(await Promise.all(together.map(timed))));
  }
  for (const step of selected.filter((s) => !s.concurrent)) {
    console.log(`\n━━ ${step.name} ━━`);
    results.push(await timed(step));
  }
  console.log("\n━━ summary ━━");
  let passed = 0;
  let failed = 0;
  for (const { name, seconds, r } of results) {
    const counts =
      r.passed !== undefined
        ? ` ${r.passed} passed, ${r.failed ?? 0} failed${r.skipped ? `, ${r.skipped} skipped` : ""}`
        : "";
    console.log(
      `${r.ok ? "PASS" : "FAIL"}  ${name.padEnd(12)}${seconds.toFixed(1).padStart(7)}s${counts}${r.note ? `  (${r.note})` : ""}`,
    );
    // A step without test counts (lint, typecheck) or one that failed outside its tests counts as one.
    passed += r.passed ?? (r.ok ? 1 : 0);
    failed += r.ok ? (r.failed ?? 0) : Math.max(1, r.failed ?? 0);
  }
  await embedded?.release();
  console.log(`tests: ${passed} passed, ${failed} failed`);
  return results.every((x) => x.r.ok) ? 0 : 1;
}

main().then((code) => process.exit(code));
