import "server-only";
import pg from "pg";
import Cursor from "pg-cursor";
import { db } from "@/lib/db";
import { resolveSpecConfig } from "@/lib/engine/runtime/resolve-config";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { databaseUrl } from "@/lib/env";
import type { TBounds } from "@/lib/quality/profiling/column";
import { Profiler, type TProfileState } from "@/lib/quality/profiling/profiler";
import { SQL_TABLE } from "./schema";

// Where a run's rows come from: a flow's stream sketches merged over a window, or a table read
// through a cursor. Both feed one Profiler, so memory stays bounded whatever the volume.

/** A failure whose message is safe for the portal (it names no value, password or internal detail). */
export class ProfileRunError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ProfileRunError";
  }
}

export type TProgress = (rowsDone: number, rowsTotal: number | null) => Promise<void>;

let enginePool: pg.Pool | null = null;
let enginePoolUrl = "";
/** The engine database's pool for the job's raw reads (resolving placeholders, partial pages). */
export function profilingPool(): pg.Pool {
  const url = databaseUrl();
  if (!enginePool || enginePoolUrl !== url) {
    void enginePool?.end().catch(() => undefined);
    enginePool = createPgPool(url, 2, { applicationName: "switchboard-profiling" });
    enginePoolUrl = url;
  }
  return enginePool;
}

export async function closeProfilingPool(): Promise<void> {
  const p = enginePool;
  enginePool = null;
  await p?.end().catch(() => undefined);
}

/** `"schema"."table"` from a validated name: never raw input in SQL. */
export function quoteTable(name: string): string {
  if (!SQL_TABLE.test(name)) throw new ProfileRunError("The table name is not a plain identifier.");
  return name
    .split(".")
    .map((part) => `"${part}"`)
    .join(".");
}

type TDef = {
  flowId: string | null;
  environmentId: string | null;
  stepId: string | null;
  sqlTable: string | null;
  sqlConnection: string | null;
  bounds: Record<string, TBounds>;
};

async function environmentKey(environmentId: string): Promise<string> {
  const env = await db().environment.findUnique({ where: { id: environmentId }, select: { key: true } });
  return env?.key ?? "?";
}

async function resolved(text: string, environmentId: string | null): Promise<string> {
  if (!text.includes("${")) return text;
  if (!environmentId)
    throw new ProfileRunError("The connection uses variables or secrets but the profile has no environment.");
  const r = await resolveSpecConfig(
    profilingPool(),
    { conn: text },
    environmentId,
    await environmentKey(environmentId),
  );
  if (!r.ok) throw new ProfileRunError(`The connection could not be resolved: ${r.reason}.`);
  return r.spec.conn;
}

/**
 * The database a sql profile reads: its own connection, else the connection of the poll_sql input of
 * the flow's active deployment in the profile's environment, else the engine's database.
 */
export async function connectionFor(def: TDef): Promise<{ url: string; via: string }> {
  if (def.sqlConnection) return { url: await resolved(def.sqlConnection, def.environmentId), via: "connection" };
  if (def.flowId && def.environmentId) {
    const dep = await db().deployment.findFirst({
      where: { flowId: def.flowId, environmentId: def.environmentId, activeSlot: { not: null } },
      select: { flowVersion: { select: { spec: true } } },
    });
    const input = (dep?.flowVersion.spec as { input?: { use?: string; config?: { connectionString?: unknown } } })
      ?.input;
    if (input?.use === "poll_sql" && typeof input.config?.connectionString === "string")
      return { url: await resolved(input.config.connectionString, def.environmentId), via: "flow" };
  }
  return { url: databaseUrl(), via: "engine" };
}

/** pg's errors in words the portal may show; anything unknown stays generic (the log has it). */
export function safeRunError(error: unknown): string {
  if (error instanceof ProfileRunError) return error.message;
  const code = (error as { code?: string } | null)?.code ?? "";
  if (code === "42P01") return "The table does not exist (or the connection's user cannot see it).";
  if (code === "42501") return "The connection's user may not read the table.";
  if (code === "28P01" || code === "28000")
    return "Could not sign in to the database: check the connection's user and password.";
  if (code === "3D000") return "The connection's database does not exist.";
  if (code === "57014") return "The database cancelled the read (statement timeout).";
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ETIMEDOUT" || code === "EHOSTUNREACH")
    return "Could not reach the database server.";
  return "The profile run failed; the engine's log has the details.";
}

export const SQL_BATCH_ROWS = 1_000;
export const PROGRESS_EVERY_ROWS = 5_000;

/**
 * Switchboard's own tables that a profile may read: the inventory and the environments, which hold no
 * credentials, message payloads or audit trail. Profiles keep top values and patterns, so reading users, keys, runs, dead
 * letters or quarantined records would show a data owner what the portal masks or never shows.
 */
export const PROFILABLE_PORTAL_TABLES = [
  "Department",
  "BusinessProcess",
  "PainPoint",
  "System",
  "ProcessSystem",
  "Interface",
  "Environment",
];

/** Refuses a table of a Switchboard database (a schema with _prisma_migrations) outside those. */
async function assertProfilable(client: pg.Client, table: string, name: string): Promise<void> {
  const r = await client.query<{ relname: string; portal: boolean }>(
    `SELECT c.relname, to_regclass(quote_ident(n.nspname) || '._prisma_migrations') IS NOT NULL AS portal
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass($1)`,
    [table],
  );
  const row = r.rows[0];
  if (row?.portal && !PROFILABLE_PORTAL_TABLES.includes(row.relname))
    throw new ProfileRunError(
      `${name} is one of Switchboard's own tables (credentials, payloads, audit); of those, profiles read only these: ${PROFILABLE_PORTAL_TABLES.join(", ")}.`,
    );
}

/** Reads the whole table through a server-side cursor in batches into `profiler`. */
export async function profileTable(
  def: TDef,
  profiler: Profiler,
  progress: TProgress,
  opts: { batchRows?: number; progressEvery?: number } = {},
): Promise<{ rowsTotal: number | null }> {
  if (!def.sqlTable) throw new ProfileRunError("The profile names no table.");
  const table = quoteTable(def.sqlTable);
  const { url } = await connectionFor(def);
  const client = new pg.Client({
    connectionString: url,
    options: "-c timezone=UTC",
    application_name: "switchboard-profiling",
  });
  await client.connect();
  try {
    await client.query("BEGIN READ ONLY");
    const est = await client.query<{ exists: boolean; estimate: string | null }>(
      `SELECT to_regclass($1) IS NOT NULL AS exists,
              (SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass($1)) AS estimate`,
      [table],
    );
    if (!est.rows[0]?.exists)
      throw new ProfileRunError(`The table ${def.sqlTable} does not exist (or the connection's user cannot see it).`);
    await assertProfilable(client, table, def.sqlTable);
    const estimate = est.rows[0].estimate === null ? -1 : Number(est.rows[0].estimate);
    // reltuples is -1 before the first ANALYZE and 0 for an empty or unanalysed small table: unknown.
    let rowsTotal: number | null = estimate > 0 ? estimate : null;
    await progress(0, rowsTotal);
    const cursor = client.query(new Cursor(`SELECT * FROM ${table}`));
    const batch = opts.batchRows ?? SQL_BATCH_ROWS;
    const every = opts.progressEvery ?? PROGRESS_EVERY_ROWS;
    let reported = 0;
    try {
      for (;;) {
        const rows = await cursor.read(batch);
        if (!rows.length) break;
        for (const r of rows) profiler.add(r);
        if (profiler.rows - reported >= every) {
          reported = profiler.rows;
          // The estimate is only an estimate: never show more done than total.
          if (rowsTotal !== null && profiler.rows > rowsTotal) rowsTotal = profiler.rows;
          await progress(profiler.rows, rowsTotal);
        }
      }
    } finally {
      await cursor.close().catch(() => undefined);
    }
    await client.query("COMMIT");
    return { rowsTotal };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Out-of-range counts for a partial the engine sketched without bounds (its steps do not know a
 * profile's bounds): numbers are counted from the t-digest's centroids (exact while each value is its
 * own centroid, as in a minute of modest traffic), text lengths are out of range only when all of
 * them are (the sketch keeps only the shortest and longest).
 */
export function withBounds(state: TProfileState, bounds: Record<string, TBounds>): TProfileState {
  if (!Object.keys(bounds).length) return state;
  return {
    ...state,
    columns: state.columns.map((c) => {
      const b = bounds[c.name];
      if (!b || c.below || c.above) return c;
      let below = 0;
      let above = 0;
      if (c.digest && (b.min !== undefined || b.max !== undefined)) {
        for (const [mean, weight] of c.digest.centroids) {
          if (b.min !== undefined && mean < b.min) below += weight;
          if (b.max !== undefined && mean > b.max) above += weight;
        }
      } else if (!c.digest && c.present) {
        if (b.minLength !== undefined && c.lenMax !== null && c.lenMax < b.minLength) below = c.present;
        if (b.maxLength !== undefined && c.lenMin !== null && c.lenMin > b.maxLength) above = c.present;
      }
      return { ...c, below, above };
    }),
  };
}

const PARTIAL_PAGE = 100;

/** Merges the window's stream partials, a page at a time, into `profiler`. */
export async function profileStream(
  def: TDef,
  window: { start: Date; end: Date },
  profiler: Profiler,
  progress: TProgress,
): Promise<{ rowsTotal: number }> {
  if (!def.flowId || !def.environmentId) throw new ProfileRunError("The profile names no flow or environment.");
  const pool = profilingPool();
  const args = [def.flowId, def.environmentId, window.start.toISOString(), window.end.toISOString(), def.stepId];
  const where = `"flowId" = $1 AND "environmentId" = $2 AND "minute" >= $3::timestamp(3) AND "minute" < $4::timestamp(3)
    AND ($5::text IS NULL OR "stepId" = $5)`;
  const total = await pool.query<{ rows: string | null }>(
    `SELECT sum("rows") AS rows FROM "ProfileStreamPartial" WHERE ${where}`,
    args,
  );
  const rowsTotal = Number(total.rows[0]?.rows ?? 0);
  await progress(0, rowsTotal);
  let after: { minute: string; id: string } | null = null;
  for (;;) {
    const page: pg.QueryResult<{ id: string; minute: string; state: TProfileState }> = await pool.query(
      `SELECT "id", to_char("minute", 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS minute, "state"
       FROM "ProfileStreamPartial" WHERE ${where}
         AND ($6::timestamp(3) IS NULL OR ("minute", "id") > ($6::timestamp(3), $7::text))
       ORDER BY "minute", "id" LIMIT ${PARTIAL_PAGE}`,
      [...args, after?.minute ?? null, after?.id ?? null],
    );
    if (!page.rows.length) break;
    for (const p of page.rows) profiler.merge(withBounds(p.state, def.bounds));
    const last = page.rows[page.rows.length - 1];
    after = { minute: last.minute, id: last.id };
    await progress(profiler.rows, Math.max(rowsTotal, profiler.rows));
    if (page.rows.length < PARTIAL_PAGE) break;
  }
  return { rowsTotal };
}
