import { z } from "zod";
import { defineComponent, type Output } from "@/lib/engine/core/contracts";
import { PermanentError } from "@/lib/engine/core/errors";
import { classifyPgError, queryableFor } from "./pg-client";
import { quoteIdent, zSqlIdentifier } from "./sql-identifiers";

const ZUpsertConfig = z
  .object({
    schema: zSqlIdentifier.default("public"),
    table: zSqlIdentifier,
    keyColumns: z
      .array(zSqlIdentifier)
      .min(1)
      .max(16)
      .describe("Conflict target: a unique or primary key of the table."),
    columns: z
      .array(zSqlIdentifier)
      .min(1)
      .max(200)
      .optional()
      .describe("Body fields to write (same name as the column); default: every field of the body."),
    connectionString: z
      .string()
      .startsWith("postgres")
      .optional()
      .describe("Target database; default: the engine's own database."),
  })
  .strict();

type TRow = Record<string, unknown>;

/** Builds `INSERT … ON CONFLICT (keys) DO UPDATE` for one row; exported for tests. */
export function buildUpsert(config: z.output<typeof ZUpsertConfig>, row: TRow): { text: string; values: unknown[] } {
  const cols = config.columns ?? Object.keys(row);
  for (const k of config.keyColumns) if (!cols.includes(k)) cols.push(k);
  for (const k of config.keyColumns)
    if (row[k] === undefined || row[k] === null)
      throw new PermanentError(`postgres_upsert: key column ${k} is missing from the body`);
  const values = cols.map((c) => {
    const v = row[c];
    return v !== null && typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : (v ?? null);
  });
  const updates = cols
    .filter((c) => !config.keyColumns.includes(c))
    .map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`);
  const text =
    `INSERT INTO ${quoteIdent(config.schema)}.${quoteIdent(config.table)} (${cols.map(quoteIdent).join(", ")}) ` +
    `VALUES (${cols.map((_, i) => `$${i + 1}`).join(", ")}) ON CONFLICT (${config.keyColumns.map(quoteIdent).join(", ")}) ` +
    (updates.length ? `DO UPDATE SET ${updates.join(", ")}` : "DO NOTHING");
  return { text, values };
}

export const postgresUpsertOutput = defineComponent({
  kind: "output",
  name: "postgres_upsert",
  status: "beta",
  summary:
    "Inserts or updates the body (an object, or an array of objects) in a Postgres table by its key columns; replays are idempotent.",
  config: ZUpsertConfig,
  create: (config, deps): Output => {
    return {
      endpoint: `postgres:${config.connectionString ? new URL(config.connectionString).host : "engine"}`,
      async connect() {},
      async write(msg) {
        const rows = Array.isArray(msg.body) ? msg.body : [msg.body];
        if (!rows.every((r) => r !== null && typeof r === "object" && !Array.isArray(r) && !Buffer.isBuffer(r))) {
          throw new PermanentError("postgres_upsert needs a JSON object (or array of objects) body");
        }
        const db = queryableFor(deps, config.connectionString);
        for (const row of rows as TRow[]) {
          const bad = config.columns ? undefined : Object.keys(row).find((k) => !zSqlIdentifier.safeParse(k).success);
          if (bad)
            throw new PermanentError(
              `postgres_upsert: body field ${JSON.stringify(bad)} is not a valid column name; list columns explicitly`,
            );
          const { text, values } = buildUpsert(config, row);
          try {
            await db.query(text, values);
          } catch (error) {
            throw classifyPgError(error, `postgres_upsert into ${config.table}`);
          }
        }
      },
      async close() {},
    };
  },
});
