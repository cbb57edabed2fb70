import { describe, expect, it } from "vitest";
import type { Queryable } from "@/lib/engine/core/contracts";
import { classifyError } from "@/lib/engine/core/errors";
import { createMessage } from "@/lib/engine/core/message";
import { createRegistry } from "../index";
import { configTable } from "../shared/config-table";

const s = new AbortController().signal;

function fakeDb(fail?: { code: string }) {
  const queries: { text: string; values?: unknown[] }[] = [];
  const db: Queryable = {
    query: async (text, values) => {
      queries.push({ text, values });
      if (fail) throw Object.assign(new Error("pg says no"), fail);
      return { rows: [], rowCount: 1 };
    },
  };
  return { db, queries };
}

describe("output postgres_upsert", () => {
  configTable("output", "postgres_upsert", [
    ["table + key", { table: "orders", keyColumns: ["order_id"] }, "ok"],
    ["columns + schema", { schema: "sales", table: "orders", keyColumns: ["id"], columns: ["id", "total"] }, "ok"],
    ["injection in table", { table: "orders; drop table x", keyColumns: ["id"] }, "letters, digits and _ only"],
    ["no keys", { table: "orders", keyColumns: [] }, "keyColumns"],
    ["bad column", { table: "t", keyColumns: ["id"], columns: ['a"b'] }, "columns.0"],
  ]);

  it("upserts each row with quoted identifiers and parameters", async () => {
    const { db, queries } = fakeDb();
    const out = createRegistry().build("output", "postgres_upsert", { table: "orders", keyColumns: ["id"] }, { db });
    await out.write(
      createMessage({
        body: [
          { id: "1", total: 5, meta: { a: 1 } },
          { id: "2", total: 6, meta: null },
        ],
      }),
      s,
    );
    expect(queries[0].text).toBe(
      'INSERT INTO "public"."orders" ("id", "total", "meta") VALUES ($1, $2, $3) ON CONFLICT ("id") DO UPDATE SET "total" = EXCLUDED."total", "meta" = EXCLUDED."meta"',
    );
    expect(queries[0].values).toEqual(["1", 5, '{"a":1}']);
    expect(queries).toHaveLength(2);
  });

  it("rejects bodies it cannot map", async () => {
    const out = createRegistry().build(
      "output",
      "postgres_upsert",
      { table: "orders", keyColumns: ["id"] },
      { db: fakeDb().db },
    );
    await expect(out.write(createMessage({ body: "text" }), s)).rejects.toThrow("needs a JSON object");
    await expect(out.write(createMessage({ body: { total: 1 } }), s)).rejects.toThrow("key column id is missing");
    await expect(out.write(createMessage({ body: { id: 1, "bad key": 2 } }), s)).rejects.toThrow(
      "not a valid column name",
    );
  });

  it.each([
    ["23505", "permanent"],
    ["42P01", "permanent"],
    ["57P01", "transient"],
    ["08006", "transient"],
  ])("classifies SQLSTATE %s as %s", async (code, cls) => {
    const out = createRegistry().build(
      "output",
      "postgres_upsert",
      { table: "t", keyColumns: ["id"] },
      { db: fakeDb({ code }).db },
    );
    const err = await out.write(createMessage({ body: { id: 1 } }), s).catch((e) => e);
    expect(classifyError(err)).toBe(cls);
  });
});
