import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { disconnectDb } from "../lib/db";
import { resetEnvCache } from "../lib/env";
import { adminQuery, TEMPLATE_DB, urlFor } from "./pg-admin";

/**
 * Gives the calling test file its own database, cloned from the migrated template, and points
 * lib/db at it. Returns a getter for the URL (for child processes such as the CLI or engine).
 */
export function useTestDatabase(): () => string {
  const name = `switchboard_test_${randomBytes(5).toString("hex")}`;
  const url = urlFor(name);
  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`);
    process.env.DATABASE_URL = url;
    resetEnvCache();
    await disconnectDb();
  });
  afterAll(async () => {
    await disconnectDb();
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
  return () => url;
}
