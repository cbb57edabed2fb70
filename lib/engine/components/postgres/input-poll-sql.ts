import { z } from "zod";
import { defineComponent, type EngineDeps, type Input } from "@/lib/engine/core/contracts";
import { createMessage, type Message } from "@/lib/engine/core/message";
import { PollLoop } from "../shared/poll-loop";
import { classifyPgError, queryableFor } from "./pg-client";
import { zSqlIdentifier } from "./sql-identifiers";

const ZPollSqlConfig = z
  .object({
    query: z
      .string()
      .trim()
      .max(10_000)
      .refine((q) => /^(select|with)\b/i.test(q), { message: "must be a SELECT (or WITH … SELECT) query" })
      .refine((q) => /\$1\b/.test(q) && /\$2\b/.test(q), {
        message:
          "must use $1 for the watermark and $2 for the batch size, e.g. … WHERE updated_at > $1 ORDER BY updated_at LIMIT $2",
      })
      .describe(
        "Query returning rows newer than the watermark ($1), at most $2 rows, ordered by the watermark column.",
      ),
    watermarkColumn: zSqlIdentifier.describe("Column whose highest value seen becomes the next $1."),
    initialWatermark: z.union([z.string(), z.number()]).default("1970-01-01T00:00:00Z"),
    intervalMs: z.number().int().min(1_000).max(86_400_000).default(60_000),
    batchSize: z.number().int().min(1).max(10_000).default(500),
    connectionString: z
      .string()
      .startsWith("postgres")
      .optional()
      .describe("Source database; default: the engine's own database."),
  })
  .strict();
type TConfig = z.output<typeof ZPollSqlConfig>;

class PollSqlInput extends PollLoop<unknown> implements Input {
  constructor(
    private readonly config: TConfig,
    deps: EngineDeps,
  ) {
    super(config.initialWatermark, config.intervalMs, deps);
  }

  protected async poll(): Promise<{ messages: Message[]; next: unknown }> {
    const db = queryableFor(this.deps, this.config.connectionString);
    let rows: Record<string, unknown>[];
    try {
      ({ rows } = await db.query(this.config.query, [this.position, this.config.batchSize]));
    } catch (error) {
      throw classifyPgError(error, "poll_sql query");
    }
    let next = this.position;
    for (const row of rows) {
      const w = row[this.config.watermarkColumn];
      if (w !== undefined && w !== null && (next === null || next === undefined || isAfter(w, next))) next = w;
    }
    const messages = rows.map((row) =>
      createMessage({ body: JSON.parse(JSON.stringify(row)), source: "poll_sql", type: "switchboard.poll_sql" }),
    );
    return { messages, next: next instanceof Date ? next.toISOString() : next };
  }
}

export const pollSqlInput = defineComponent({
  kind: "input",
  name: "poll_sql",
  status: "beta",
  summary:
    "Polling consumer for SQL: runs a query with a watermark column on an interval; the watermark advances once a batch is fully processed.",
  config: ZPollSqlConfig,
  create: (config, deps) => new PollSqlInput(config, deps),
});

/**
 * Orders watermark values as Postgres does: pg returns timestamps as Date and bigints as strings,
 * and the starting watermark is an ISO string, so neither `>` on the raw values nor string order works.
 */
export function isAfter(value: unknown, than: unknown): boolean {
  const time = (v: unknown) =>
    v instanceof Date ? v.getTime() : typeof v === "string" && !/^-?\d+$/.test(v) ? Date.parse(v) : NaN;
  if (value instanceof Date || than instanceof Date) return time(value) > time(than);
  const isInteger = (v: unknown) =>
    typeof v === "bigint" ||
    (typeof v === "number" && Number.isInteger(v)) ||
    (typeof v === "string" && /^-?\d+$/.test(v));
  if (isInteger(value) && isInteger(than)) return BigInt(value as string) > BigInt(than as string);
  if (typeof value === "number" && typeof than === "number") return value > than;
  const tv = time(value);
  const tt = time(than);
  if (!Number.isNaN(tv) && !Number.isNaN(tt)) return tv > tt;
  return String(value) > String(than);
}
