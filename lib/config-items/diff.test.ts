import { describe, expect, it } from "vitest";
import { diffDocuments } from "./diff";

describe("diffDocuments", () => {
  it("lists added, removed and changed fields with their paths", () => {
    const a = { name: "orders", steps: [{ use: "map", config: { expr: "a" } }], policy: { retries: 3 } };
    const b = { name: "orders", steps: [{ use: "map", config: { expr: "b" } }, { use: "filter" }], owner: "ops" };
    const changes = diffDocuments(a, b);
    expect(changes).toEqual(
      expect.arrayContaining([
        { path: "steps.0.config.expr", kind: "changed", before: "a", after: "b" },
        { path: "steps.1", kind: "added", after: { use: "filter" } },
        { path: "policy", kind: "removed", before: { retries: 3 } },
        { path: "owner", kind: "added", after: "ops" },
      ]),
    );
    expect(changes).toHaveLength(4);
  });

  it("treats a missing side as empty, so a new item shows every top-level field as added", () => {
    expect(diffDocuments(null, { a: 1, b: 2 }).map((c) => c.kind)).toEqual(["added", "added"]);
    expect(diffDocuments({ a: 1 }, { a: 1 })).toEqual([]);
  });
});
