import pg from "pg";
import { redactUrl } from "./banner";

/** Connects once so a wrong DATABASE_URL fails with advice before migrations print a stack. */
export async function checkExternalDatabase(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return null;
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const where = redactUrl(url);
    if (code === "3D000") {
      const name = new URL(url).pathname.slice(1);
      return `The database "${name}" does not exist on ${where}. Create it (e.g. createdb ${name}) or point DATABASE_URL at an existing one.`;
    }
    if (code === "28P01" || code === "28000")
      return `PostgreSQL at ${where} rejected the credentials in DATABASE_URL: ${message}`;
    return `Cannot reach PostgreSQL at ${where} (from DATABASE_URL): ${message}. Start that server, fix DATABASE_URL, or unset it to use the embedded database.`;
  } finally {
    await client.end().catch(() => {});
  }
}
