// A migration-aware adapter for the WASM schema engine, built on @prisma/adapter-pg with three fixes:
// scripts run as one query (adapter-pg splits on ";" and runs outside a transaction), the internal
// "char" type is read as a character column, and the shadow database really is a separate database.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

const PG_CHAR_OID = 18;
const PG_BPCHAR_OID = 1042;

type PgInternals = {
  performIO(query: unknown): Promise<{ fields: { dataTypeID: number }[]; rows: unknown[] }>;
  onError(error: unknown): never;
  startTransaction(isolation?: unknown): Promise<unknown>;
  underlyingDriver(): pg.Pool;
};

function patchQueryable(target: PgInternals): void {
  const performIO = target.performIO.bind(target);
  target.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_BPCHAR_OID;
    return result;
  };
}

function patchAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const internals = adapter as unknown as PgInternals;
  patchQueryable(internals);
  const startTransaction = internals.startTransaction.bind(internals);
  internals.startTransaction = async (isolation) => {
    const tx = (await startTransaction(isolation)) as PgInternals;
    patchQueryable(tx);
    return tx;
  };
  // One simple-protocol query: Postgres runs a multi-statement string in one implicit transaction,
  // so a failing migration leaves nothing behind.
  adapter.executeScript = async (script: string) => {
    try {
      await internals.underlyingDriver().query(script);
    } catch (error) {
      internals.onError(error);
    }
  };
  return adapter;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export class MigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "@prisma/adapter-pg";

  constructor(private readonly url: string) {}

  async connect(): Promise<SqlDriverAdapter> {
    return patchAdapter(await new PrismaPg({ connectionString: this.url }).connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Client({ connectionString: this.url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    const shadowUrl = withDatabase(this.url, name);
    const adapter = patchAdapter(await new PrismaPg({ connectionString: shadowUrl }).connect());
    const check = await (adapter as unknown as PgInternals).underlyingDriver().query("SELECT current_database() AS db");
    if (check.rows[0]?.db !== name)
      throw new Error(`Shadow database connection reached ${check.rows[0]?.db}, not ${name}`);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const cleanup = new pg.Client({ connectionString: this.url });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    };
    return adapter;
  }
}
