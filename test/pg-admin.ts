import pg from "pg";
import { withDatabase } from "../prisma/lib/migration-adapter";

// Test-only helpers for creating and dropping databases on the machine's PostgreSQL.
export const TEST_SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const TEMPLATE_DB = process.env.TEST_TEMPLATE_DB ?? "switchboard_test_template";

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function urlFor(database: string): string {
  return withDatabase(TEST_SERVER_URL, database);
}
