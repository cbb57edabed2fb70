import { describe, expect, it } from "vitest";
import { changeRefusal, formatWindow } from "./change-gate";
import type { TDeploymentRow } from "./deployments";

const HASH = "abc123def4567890".padEnd(64, "0");
const start = new Date("2026-12-02T10:00:00Z");
const end = new Date("2026-12-02T12:00:00Z");
const inWindow = new Date("2026-12-02T11:00:00Z");

function row(over: Partial<TDeploymentRow> = {}, change: Partial<NonNullable<TDeploymentRow["change"]>> | null = {}) {
  return {
    id: "d1",
    flowId: "f1",
    flowName: "orders",
    flowVersionId: "v3",
    version: 3,
    environmentId: "env_prod",
    environmentKey: "prod",
    isProduction: true,
    desiredState: "running",
    actualState: "pending",
    actualError: null,
    contentHash: HASH,
    versionHash: HASH,
    spec: {},
    activatedAt: null,
    change:
      change === null
        ? null
        : {
            id: "c12",
            number: 12,
            type: "normal",
            status: "approved",
            environmentId: "env_prod",
            windowStart: start,
            windowEnd: end,
            itemHash: HASH,
            ...change,
          },
    ...over,
  } satisfies TDeploymentRow;
}

describe("changeRefusal", () => {
  it("lets an approved, bound change run inside its window, and anything outside production", () => {
    expect(changeRefusal(row(), HASH, inWindow)).toBeNull();
    expect(changeRefusal(row({}, { status: "implemented" }), HASH, inWindow)).toBeNull();
    expect(changeRefusal(row({ isProduction: false, environmentKey: "dev" }, null), HASH, inWindow)).toBeNull();
  });

  it.each([
    ["no change", row({}, null), "no approved change is bound to prod deployment of orders v3 (hash abc123def456…)"],
    ["submitted", row({}, { status: "submitted" }), "CHG-12 is submitted, not approved"],
    ["rolled back", row({}, { status: "rolled_back" }), "CHG-12 is rolled back, not approved"],
    ["other environment", row({}, { environmentId: "env_test" }), "CHG-12 is for another environment, not prod"],
    ["flow not in the change", row({}, { itemHash: null }), "CHG-12 does not include orders"],
  ])("refuses %s", (_, d, reason) => {
    expect(changeRefusal(d, HASH, inWindow)).toContain(reason);
  });

  it("lets an emergency change deploy before its approvals", () => {
    expect(changeRefusal(row({}, { type: "emergency", status: "submitted" }), HASH, inWindow)).toBeNull();
    expect(changeRefusal(row({}, { type: "emergency", status: "rejected" }), HASH, inWindow)).toBe(
      "CHG-12 is rejected, not approved",
    );
  });

  it("refuses content that no longer matches the approved hash, on the deployment or recomputed", () => {
    const other = "fff".padEnd(64, "1");
    expect(changeRefusal(row(), other, inWindow)).toMatch(/^content no longer matches the hash CHG-12 approved/);
    expect(changeRefusal(row({}, { itemHash: other }), HASH, inWindow)).toMatch(
      /^content no longer matches the hash CHG-12 approved/,
    );
  });

  it("bounds the first activation by the window, not a restart of a flow that already ran", () => {
    expect(changeRefusal(row(), HASH, new Date("2026-12-02T09:59:00Z"))).toBe(
      "CHG-12's window 2026-12-02 10:00–12:00 UTC has not started",
    );
    expect(changeRefusal(row(), HASH, new Date("2026-12-02T12:01:00Z"))).toMatch(/window .* has ended/);
    expect(
      changeRefusal(row({ activatedAt: new Date("2026-12-02T11:00:00Z") }), HASH, new Date("2026-12-03T08:00:00Z")),
    ).toBeNull();
  });

  it("formats a window that spans midnight with both dates", () => {
    expect(formatWindow(new Date("2026-12-02T22:00:00Z"), new Date("2026-12-03T02:00:00Z"))).toBe(
      "2026-12-02 22:00 – 2026-12-03 02:00 UTC",
    );
  });
});
