import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminQuery, urlFor } from "@/test/pg-admin";
import { applyMigrations, createMigration, migrationStatus } from "./runner";

const dbName = `switchboard_runner_${process.pid}`;
const url = urlFor(dbName);
const dir = mkdtempSync(path.join(tmpdir(), "sb-runner-"));
const schemaDir = path.join(dir, "schema");
const migrationsDir = path.join(dir, "migrations");
const opts = { url, schemaPath: schemaDir, migrationsDir };

const BASE = `generator client {\n  provider = "prisma-client"\n  output   = "./gen"\n}\ndatasource db {\n  provider = "postgresql"\n}\n`;

async function tables(): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
  );
  await client.end();
  return rows.map((r) => r.table_name);
}

async function shadowDatabases(): Promise<string[]> {
  const client = new pg.Client({ connectionString: urlFor("postgres") });
  await client.connect();
  const { rows } = await client.query(
    `SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'`,
  );
  await client.end();
  return rows.map((r) => r.datname);
}

beforeAll(async () => {
  mkdirSync(schemaDir);
  writeFileSync(path.join(schemaDir, "base.prisma"), BASE);
  writeFileSync(
    path.join(schemaDir, "a.prisma"),
    `model Widget {\n  id   Int    @id @default(autoincrement())\n  name String\n}\n`,
  );
  await adminQuery(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${dbName}"`);
});

afterAll(async () => {
  await adminQuery(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
});

describe("migration runner (WASM schema engine)", () => {
  it("creates a migration from the schema, applies it, and a second apply changes nothing", async () => {
    const before = await shadowDatabases();
    const created = await createMigration(opts, "widgets");
    expect(created.script).toContain('CREATE TABLE "Widget"');
    expect(await shadowDatabases()).toEqual(before);
    expect(await applyMigrations(opts)).toHaveLength(1);
    expect(await tables()).toEqual(["Widget", "_prisma_migrations"]);
    expect(await applyMigrations(opts)).toEqual([]);
    expect(await migrationStatus(opts)).toMatchObject({ pending: [], failed: [] });
  });

  it("records the same checksum as prisma migrate deploy (sha256 of migration.sql)", async () => {
    const [name] = readdirSync(migrationsDir).filter((d) => d.endsWith("_widgets"));
    const sql = readFileSync(path.join(migrationsDir, name, "migration.sql"));
    const { createHash } = await import("node:crypto");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(`SELECT checksum FROM _prisma_migrations WHERE migration_name = $1`, [name]);
    await client.end();
    expect(rows[0].checksum).toBe(createHash("sha256").update(sql).digest("hex"));
  });

  it("reports no migration when the schema did not change", async () => {
    expect((await createMigration(opts, "nothing")).dir).toBeNull();
  });

  it("a schema change becomes a new pending migration that then applies", async () => {
    writeFileSync(
      path.join(schemaDir, "b.prisma"),
      `model Gadget {\n  id Int @id\n  label String; \n}\n`.replace("; ", ""),
    );
    const created = await createMigration(opts, "gadgets");
    expect(created.script).toContain('CREATE TABLE "Gadget"');
    expect((await migrationStatus(opts)).pending).toHaveLength(1);
    await applyMigrations(opts);
    expect(await tables()).toContain("Gadget");
  });

  it("a failing migration leaves no partial schema, even with ';' inside strings", async () => {
    const name = "29990101000000_broken";
    mkdirSync(path.join(migrationsDir, name));
    writeFileSync(
      path.join(migrationsDir, name, "migration.sql"),
      `CREATE TABLE "Half" ("id" INT);\nCOMMENT ON TABLE "Half" IS 'a; b';\nINSERT INTO "Missing" VALUES (1);\n`,
    );
    await expect(applyMigrations(opts)).rejects.toThrow(/Missing/);
    expect(await tables()).not.toContain("Half");
    expect((await migrationStatus(opts)).failed).toEqual([name]);
  });
});
