import { execFileSync } from "node:child_process";
import { adminQuery, TEMPLATE_DB, urlFor } from "./pg-admin";

// Builds one migrated template database per run; each test file clones it (fast, isolated).
export default async function setup(): Promise<() => Promise<void>> {
  await adminQuery(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${TEMPLATE_DB}"`);
  execFileSync("npx", ["tsx", "prisma/migrate.ts", "apply"], {
    env: { ...process.env, DATABASE_URL: urlFor(TEMPLATE_DB) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return async () => {
    await adminQuery(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
  };
}
