import { describe, expect, it } from "vitest";
import { diff, entryHash, GENESIS_HASH } from "./hash";

const fields = {
  at: new Date("2026-01-01T00:00:00.000Z"),
  actorId: "u1",
  actorEmail: "a@example.com",
  action: "user.update",
  entityType: "User",
  entityId: "u2",
  before: { role: "viewer" },
  after: { role: "admin" },
};

describe("entryHash", () => {
  it("is stable across key order (jsonb reorders keys)", () => {
    const reordered = { ...fields, after: { role: "admin" }, before: { role: "viewer" } };
    expect(entryHash(GENESIS_HASH, reordered)).toBe(entryHash(GENESIS_HASH, fields));
  });

  it("changes when any field or the previous hash changes", () => {
    const h = entryHash(GENESIS_HASH, fields);
    expect(entryHash("1".repeat(64), fields)).not.toBe(h);
    expect(entryHash(GENESIS_HASH, { ...fields, actorEmail: "b@example.com" })).not.toBe(h);
    expect(entryHash(GENESIS_HASH, { ...fields, after: { role: "executive" } })).not.toBe(h);
    expect(entryHash(GENESIS_HASH, { ...fields, at: new Date("2026-01-01T00:00:00.001Z") })).not.toBe(h);
  });
});

describe("diff", () => {
  it("keeps only changed fields", () => {
    expect(diff({ a: 1, b: "x", c: [1] }, { a: 1, b: "y", c: [1, 2] })).toEqual({
      before: { b: "x", c: [1] },
      after: { b: "y", c: [1, 2] },
    });
  });

  it("keeps the whole record on create and delete, with dates as ISO strings", () => {
    const at = new Date("2026-02-03T04:05:06.000Z");
    expect(diff(null, { at })).toEqual({ before: null, after: { at: "2026-02-03T04:05:06.000Z" } });
    expect(diff({ a: 1 }, null)).toEqual({ before: { a: 1 }, after: null });
  });
});
