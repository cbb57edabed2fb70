// The server the journeys run against: a fresh database with demo data, a production build in
// its own dist dir, and the web server `npm start` runs (scripts/web-server.ts). Started by playwright.config.ts's webServer.
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import pg from "pg";
import { withDatabase } from "../../prisma/lib/migration-adapter";

const server = process.env.TEST_DATABASE_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dbName = process.env.E2E_DB ?? "switchboard_e2e";
const url = withDatabase(server, dbName);
const port = process.env.E2E_PORT ?? "3100";
const distDir = process.env.E2E_DIST_DIR ?? ".next-e2e";

const env = {
  ...process.env,
  DATABASE_URL: url,
  NEXT_DIST_DIR: distDir,
  NODE_ENV: "production" as const,
  AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123456789",
  AUTH_TRUST_HOST: "true",
  // Journeys sign in many times from one address; throttling has its own integration test.
  SIGNIN_MAX_ATTEMPTS: "10000",
  // Lets journeys move the attestation clock with the sb_test_clock_offset_days cookie (lib/services/ownership/clock.ts).
  ALLOW_TEST_CLOCK: "1",
  LOG_LEVEL: "warn",
  PORT: port,
  // The API analytics journey reads calls a few seconds after making them.
  ENGINE_API_ANALYTICS_FLUSH_MS: "1000",
  ENGINE_API_REFRESH_MS: "1000",
};

async function recreateDatabase(): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${dbName}"`);
  await client.end();
}

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { env, stdio: "inherit" });
}

await recreateDatabase();
run("npx", ["tsx", "prisma/migrate.ts", "apply"]);
run("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"]);
if (!process.env.E2E_SKIP_BUILD || !existsSync(`${distDir}/BUILD_ID`)) run("npx", ["next", "build"]);

// The web and the engine (gateway, workers), as in `npm start`; journeys start their own demo targets.
const children = [
  spawn("npx", ["tsx", "scripts/web-server.ts", "-p", port, "-H", "127.0.0.1"], { env, stdio: "inherit" }),
  spawn("npx", ["tsx", "--conditions=react-server", "lib/engine-process/main.ts"], { env, stdio: "inherit" }),
];
const stop = () => {
  for (const c of children) c.kill("SIGTERM");
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
for (const c of children) c.on("exit", (code) => process.exit(code ?? 1));
