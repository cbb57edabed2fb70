import { describe, expect, it } from "vitest";
import { z } from "zod";
import { systemActor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db";
import { defineSheet } from "./define-sheet";

const tx = {} as Tx;
const audit = async () => {};
const ZRow = z.object({ name: z.string().min(1), after: z.string().default("") });

/** A sheet over an in-memory store: name → value; a row whose name is stored with its value is unchanged. */
function sheetOver(store: Map<string, string>, saved: string[]) {
  return defineSheet({
    kind: "things",
    label: "Things",
    readPermission: "inventory:read",
    editPermission: "inventory:edit",
    columns: [
      { key: "name", required: true, hint: "" },
      { key: "after", hint: "" },
    ],
    schema: ZRow,
    naturalKey: (r) => r.name.toLowerCase(),
    checkReferences: async () => [],
    prepare: async () => store,
    // Write order is the sheet's to choose (candidates put prerequisites first).
    order: (rows) => [...rows].reverse(),
    find: (s, row) => (s.has(row.name) ? row.name : undefined),
    async save(_tx, _actor, row, existing, s) {
      saved.push(row.name);
      const changed = existing === undefined || s.get(existing) !== row.after;
      s.set(row.name, row.after);
      return { changed };
    },
    exportRows: async () => [],
  });
}

describe("defineSheet", () => {
  it("parses a row with its natural key, or names the failing column", () => {
    const sheet = sheetOver(new Map(), []);
    expect(sheet.parseRow({ name: "Pump", after: "" })).toEqual({
      ok: true,
      value: { name: "Pump", after: "" },
      key: "pump",
    });
    expect(sheet.parseRow({ name: "" })).toMatchObject({ ok: false, issues: [{ field: "name" }] });
  });

  it("counts created, updated and unchanged rows, writes in the sheet's order and reports progress", async () => {
    const store = new Map([
      ["kept", ""],
      ["also kept", "same"],
      ["moved", "old"],
    ]);
    const saved: string[] = [];
    const progress: [number, number][] = [];
    const rows = [
      { row: 2, value: { name: "second", after: "first" } },
      { row: 3, value: { name: "kept", after: "" } },
      { row: 4, value: { name: "moved", after: "new" } },
      { row: 5, value: { name: "also kept", after: "same" } },
      { row: 6, value: { name: "first", after: "" } },
    ];
    const counts = await sheetOver(store, saved).apply(
      tx,
      systemActor("test"),
      rows,
      (d, t) => progress.push([d, t]),
      audit,
    );
    expect(counts).toEqual({ created: 2, updated: 1, unchanged: 2 });
    expect(saved).toEqual(["first", "also kept", "moved", "kept", "second"]);
    expect(progress).toEqual([[5, 5]]);
  });
});
