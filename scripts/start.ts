// `npm start` / `npm run dev`: database (embedded or DATABASE_URL) → migrate → seed → build if
// stale → web (+ the processes in scripts/lib/process-table.ts) until Ctrl-C. See --help.
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { env, resetEnvCache } from "../lib/env";
import { readyBanner, redactUrl } from "./lib/banner";
import { checkBuild, writeBuildStamp } from "./lib/build-stamp";
import { checkExternalDatabase } from "./lib/check-database";
import { startEmbeddedPostgres, type TEmbeddedPg } from "./lib/embedded-pg";
import { isPortFree } from "./lib/free-port";
import { processTable } from "./lib/process-table";
import { readOrCreateSecret } from "./lib/secret-file";
import { Supervisor, type TChildEnv } from "./lib/supervisor";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const HELP = `usage: npm start [-- --no-seed]      build if needed, then serve the portal (production mode)
       npm run dev [-- --no-seed]    the same with next dev (hot reload), no build

With DATABASE_URL unset, an embedded PostgreSQL keeps its data in SWITCHBOARD_DATA_DIR (default .data).
--no-seed skips the demo data (use it against a real, shared database).
Variables: see .env.example.`;

const say = (line: string) => process.stdout.write(`${line}\n`);
const fail = (line: string) => process.stderr.write(`${line}\n`);

let pg: TEmbeddedPg | undefined;
let supervisor: Supervisor | undefined;
let shuttingDown = false;
let shutdownStartedAt = 0;

async function shutdown(code: number, reason?: string, fromSignal = false): Promise<never> {
  if (shuttingDown) {
    // One Ctrl-C arrives more than once (the terminal signals npm, sh and tsx too, and tsx relays
    // it), so only a second press a moment later means "do not wait".
    if (!fromSignal || Date.now() - shutdownStartedAt < 1_500) return new Promise<never>(() => {});
    fail("Second interrupt: killing everything now.");
    supervisor?.killAllSync();
    pg?.releaseSync();
    process.exit(code || 130);
  }
  shuttingDown = true;
  shutdownStartedAt = Date.now();
  if (reason) (code ? fail : say)(reason);
  if (supervisor) await supervisor.stopAll();
  if (pg) {
    say("Stopping the embedded PostgreSQL…");
    try {
      const others = await pg.release();
      if (others.length)
        say(`It keeps running for the other launcher(s) using it (pid ${others.map((h) => h.pid).join(", ")}).`);
    } catch (error) {
      fail(`Could not stop PostgreSQL cleanly: ${(error as Error).message}`);
    }
  }
  say("Stopped.");
  process.exit(code);
}

function childEnv(overrides: TChildEnv): TChildEnv {
  // Children inherit the caller's environment (npm's, the user's shell) plus what the launcher decided.
  const inherited = process.env;
  const bin = path.join(ROOT, "node_modules", ".bin");
  // Each child stops itself if this launcher is killed outright (scripts/lib/orphan-guard.cjs).
  const guard = `--require ${JSON.stringify(path.join(ROOT, "scripts", "lib", "orphan-guard.cjs"))}`;
  return {
    ...inherited,
    ...overrides,
    PATH: `${bin}${path.delimiter}${inherited.PATH ?? ""}`,
    NODE_OPTIONS: [inherited.NODE_OPTIONS, guard].filter(Boolean).join(" "),
    SWITCHBOARD_LAUNCHER_PID: String(process.pid),
  };
}

async function waitForHttp(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !shuttingDown) {
    try {
      await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return false;
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes("--help") || argv.includes("-h")) {
    say(HELP);
    return;
  }
  const unknown = argv.filter((a) => !["--dev", "--no-seed"].includes(a));
  if (unknown.length) {
    fail(`Unknown option ${unknown[0]}.\n${HELP}`);
    process.exit(2);
  }
  const mode = argv.includes("--dev") ? "dev" : "prod";
  const shouldSeed = !argv.includes("--no-seed");
  // A .env in the checkout counts for the launcher too, so it agrees with Next.js about DATABASE_URL.
  const dotenv = path.join(ROOT, ".env");
  if (existsSync(dotenv)) {
    process.loadEnvFile(dotenv);
    resetEnvCache();
  }
  const e = env();
  const stateDir = path.resolve(ROOT, e.SWITCHBOARD_DATA_DIR);

  if (!(await isPortFree(e.PORT, undefined))) {
    fail(
      `Port ${e.PORT} is already in use (is Switchboard already running?). Stop that process, or start on another port: PORT=${e.PORT + 1} npm start`,
    );
    process.exit(1);
  }

  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
    process.on(signal, () => void shutdown(0, `\nReceived ${signal}, stopping…`, true));
  process.on("exit", () => {
    supervisor?.killAllSync();
    pg?.releaseSync();
  });

  const dataLines: string[] = [];
  let databaseUrl = e.DATABASE_URL;
  if (databaseUrl) {
    const problem = await checkExternalDatabase(databaseUrl);
    if (problem) await shutdown(1, problem);
    say(`Database: ${redactUrl(databaseUrl)} (from DATABASE_URL)`);
    dataLines.push(`Data lives in the database at ${redactUrl(databaseUrl)}.`);
  } else {
    const t0 = Date.now();
    pg = await startEmbeddedPostgres({
      stateDir,
      preferredPort: e.SWITCHBOARD_PG_PORT,
      database: "switchboard",
      onLog: say,
    });
    databaseUrl = pg.url;
    if (pg.layout.relocated) {
      say(
        `Note: ${pg.layout.relocated.why}, so PostgreSQL's files live in ${pg.layout.relocated.base} (recorded in ${path.join(stateDir, "pg-location")}).`,
      );
    }
    say(
      pg.attached
        ? `Database: attached to the embedded PostgreSQL already running for ${pg.dataDir} (pid ${pg.pid}, port ${pg.port}).`
        : `Database: embedded PostgreSQL on 127.0.0.1:${pg.port}, up in ${Date.now() - t0} ms.`,
    );
    dataLines.push(
      `Data lives in ${pg.dataDir} (embedded PostgreSQL, port ${pg.port}; log: ${path.join(stateDir, "pg.log")}).`,
    );
    // The CLI needs the URL too; it holds the generated password, so owner-only like the rest of .data.
    const urlFile = path.join(stateDir, "database-url");
    writeFileSync(urlFile, `${pg.url}\n`, { mode: 0o600 });
    dataLines.push(
      `For the CLI while this runs: export DATABASE_URL=$(cat ${path.relative(process.cwd(), urlFile) || urlFile})`,
    );
  }

  const secret = e.AUTH_SECRET
    ? { value: e.AUTH_SECRET, created: false }
    : readOrCreateSecret(path.join(stateDir, "auth-secret"));
  if (secret.created) say(`Generated AUTH_SECRET and saved it in ${path.join(stateDir, "auth-secret")}.`);
  if (!e.AUTH_SECRET) dataLines.push(`Session secret: ${path.join(stateDir, "auth-secret")}.`);

  const baseEnv = childEnv({
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: secret.value,
    AUTH_TRUST_HOST: e.AUTH_URL ? e.AUTH_TRUST_HOST : (e.AUTH_TRUST_HOST ?? "true"),
    PORT: String(e.PORT),
  });
  supervisor = new Supervisor({
    cwd: ROOT,
    env: baseEnv,
    onUnexpectedExit: (name, code) =>
      void shutdown(
        code || 1,
        `\n${name} exited unexpectedly (exit code ${code}); see its lines above. Stopping everything.`,
      ),
  });

  const step = async (title: string, name: string, cmd: string[], failure: string) => {
    if (title) say(title);
    const code = await supervisor!.runToCompletion({ name, cmd });
    if (code !== 0 && !shuttingDown) await shutdown(1, `${failure} (exit code ${code}); see the lines above.`);
    return code === 0 && !shuttingDown;
  };

  // After a Ctrl-C during a step, shutdown() owns the exit; stop walking through the steps.
  if (
    !(await step(
      "Applying database migrations…",
      "migrate",
      ["tsx", "prisma/migrate.ts", "apply"],
      "Migrations failed",
    ))
  )
    return;
  if (
    shouldSeed &&
    !(await step(
      "Loading demo data…",
      "seed",
      ["tsx", "--conditions=react-server", "prisma/seed.ts"],
      "Seeding failed",
    ))
  )
    return;

  if (mode === "prod") {
    const decision = checkBuild(ROOT, e.NEXT_DIST_DIR);
    if (decision.stale) {
      const t0 = Date.now();
      say(`Building the web app (${decision.reason}; this takes ~1–2 min, more on a busy machine)…`);
      if (!(await step("", "build", ["next", "build"], "The web build failed"))) return;
      writeBuildStamp(ROOT, e.NEXT_DIST_DIR, decision.fingerprint);
      say(`Built in ${Math.round((Date.now() - t0) / 1000)} s.`);
    } else {
      say("The web build is up to date.");
    }
  }

  for (const spec of processTable({ mode, port: e.PORT, demo: e.SWITCHBOARD_DEMO === "on" })) supervisor.start(spec);
  const url = `http://localhost:${e.PORT}`;
  if (await waitForHttp(`http://127.0.0.1:${e.PORT}/api/health`, 120_000)) {
    say(readyBanner({ url, seeded: shouldSeed, dataLines, mode }));
  } else if (!shuttingDown) {
    await shutdown(1, `The web app did not answer on ${url} within 2 minutes. Stopping everything.`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) =>
  shutdown(1, `npm start failed: ${error instanceof Error ? error.message : String(error)}`),
);
