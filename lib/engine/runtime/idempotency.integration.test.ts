import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { pgDedupeStore, purgeIdempotencyKeys } from "./idempotency";

const dbUrl = useTestDatabase();

describe("Postgres idempotent-consumer store", () => {
  let pool: pg.Pool;
  beforeAll(() => {
    pool = createPgPool(dbUrl(), 2);
  });
  afterAll(() => pool.end());

  it("gives a key to its first message only; that message's redelivery and a replay claim it again", async () => {
    const store = pgDedupeStore(pool, "flow-a");
    expect(await store.claim("k1", 0, { messageId: "m1" })).toBe(true);
    expect(await store.claim("k1", 0, { messageId: "m1" })).toBe(true);
    expect(await store.claim("k1", 0, { messageId: "m2" })).toBe(false);
    expect(await store.claim("k1", 0, { messageId: "m3", takeOver: true })).toBe(true);
    expect(await store.claim("k1", 0, { messageId: "m1" })).toBe(false); // m3 owns it now
    expect(await store.claim("k1", 0)).toBe(false); // no message id: never the owner
    // Scopes are separate flows.
    expect(await pgDedupeStore(pool, "flow-b").claim("k1", 0, { messageId: "m2" })).toBe(true);
  });

  it("decides concurrent claims of one key in one statement: exactly one message wins", async () => {
    const store = pgDedupeStore(pool, "flow-c");
    const results = await Promise.all(["a", "b", "a", "c", "b"].map((m) => store.claim("same", 0, { messageId: m })));
    expect(results).toEqual([true, false, true, false, false]);
    const { rows } = await pool.query(
      `SELECT "messageId" FROM "IdempotencyKey" WHERE "scope" = 'flow-c' AND "key" = 'same'`,
    );
    expect(rows).toEqual([{ messageId: "a" }]);
  });

  it("lets a key go after its TTL, and the retention purge drops old keys", async () => {
    const store = pgDedupeStore(pool, "flow-d");
    expect(await store.claim("t", 60_000, { messageId: "m1" })).toBe(true);
    expect(await store.claim("t", 60_000, { messageId: "m2" })).toBe(false);
    await pool.query(
      `UPDATE "IdempotencyKey" SET "firstSeenAt" = now() - interval '2 minutes' WHERE "scope" = 'flow-d'`,
    );
    expect(await store.claim("t", 60_000, { messageId: "m2" })).toBe(true);
    await pool.query(`UPDATE "IdempotencyKey" SET "firstSeenAt" = now() - interval '8 days' WHERE "scope" = 'flow-d'`);
    expect(await purgeIdempotencyKeys(pool, 7 * 86_400_000)).toBe(1);
    expect((await pool.query(`SELECT 1 FROM "IdempotencyKey" WHERE "scope" = 'flow-d'`)).rowCount).toBe(0);
  });
});
