import { describe, expect, it } from "vitest";
import { apiChangeRefusal } from "./load-routes";

const HASH = "a".repeat(64);
const now = new Date("2026-12-02T12:00:00Z");
const base = {
  id: "dep1",
  apiVersionId: "ver1",
  revisionId: "rev1",
  revisionNumber: 3,
  revisionHash: HASH,
  environmentId: "env_prod",
  environmentKey: "prod",
  isProduction: true,
  contentHash: HASH,
  deployedAt: new Date("2026-12-02T11:30:00Z"),
  changeId: "chg1",
  changeNumber: 42,
  changeType: "normal" as const,
  changeStatus: "approved",
  changeEnvironmentId: "env_prod",
  windowStart: new Date("2026-12-02T11:00:00Z"),
  windowEnd: new Date("2026-12-02T13:00:00Z"),
  itemHash: HASH,
};
const what = { product: "orders", major: 1 };

describe("the production change gate for API deployments", () => {
  it("serves an approved change whose item binds the revision's hash, and anything outside production", () => {
    expect(apiChangeRefusal(base, what, HASH, now)).toBeNull();
    expect(apiChangeRefusal({ ...base, isProduction: false, changeId: null }, what, HASH, now)).toBeNull();
  });

  it("names what is missing", () => {
    expect(apiChangeRefusal({ ...base, changeId: null }, what, HASH, now)).toMatch(/no approved change.*orders\/v1/);
    expect(apiChangeRefusal({ ...base, changeStatus: "submitted" }, what, HASH, now)).toMatch(/CHG-42 is submitted/);
    expect(apiChangeRefusal({ ...base, itemHash: null }, what, HASH, now)).toMatch(/does not include orders\/v1/);
    expect(apiChangeRefusal({ ...base, itemHash: "b".repeat(64) }, what, HASH, now)).toMatch(/no longer matches/);
    // The stored document was edited after approval: its recomputed hash differs.
    expect(apiChangeRefusal(base, what, "c".repeat(64), now)).toMatch(/no longer matches/);
  });

  it("waits for the window to open, and refuses a deployment made after it closed", () => {
    const early = new Date("2026-12-02T10:00:00Z");
    expect(apiChangeRefusal({ ...base, deployedAt: early }, what, HASH, early)).toMatch(/has not started/);
    // Deployed before the window: served once it opens, and after it closes too.
    expect(apiChangeRefusal({ ...base, deployedAt: early }, what, HASH, new Date("2026-12-03T00:00:00Z"))).toBeNull();
    const late = new Date("2026-12-02T14:00:00Z");
    expect(apiChangeRefusal({ ...base, deployedAt: late }, what, HASH, late)).toMatch(/window .* has ended/);
  });
});
