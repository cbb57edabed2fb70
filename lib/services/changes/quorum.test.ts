import { describe, expect, it } from "vitest";
import { quorumState, requiredQuorum } from "./quorum";

const policy = { lowApprovals: 1, mediumApprovals: 2, highApprovals: 3, dataOwnerFrom: "medium" as const };
const yes = (asDataOwner = false) => ({ decision: "approve" as const, asDataOwner });

describe("quorum", () => {
  it("requires approvals by level, at least two for an emergency", () => {
    expect(requiredQuorum(policy, "low", "normal", false)).toEqual({ requiredApprovals: 1, requiresDataOwner: false });
    expect(requiredQuorum(policy, "high", "normal", false).requiredApprovals).toBe(3);
    expect(requiredQuorum(policy, "low", "emergency", false).requiredApprovals).toBe(2);
    expect(requiredQuorum({ ...policy, lowApprovals: 0 }, "low", "normal", false).requiredApprovals).toBe(1);
  });

  it("needs the data owner from the policy's level on, and only when the data has an owner", () => {
    expect(requiredQuorum(policy, "low", "normal", true).requiresDataOwner).toBe(false);
    expect(requiredQuorum(policy, "medium", "normal", true).requiresDataOwner).toBe(true);
    expect(requiredQuorum(policy, "high", "normal", false).requiresDataOwner).toBe(false);
    expect(requiredQuorum({ ...policy, dataOwnerFrom: "high" }, "medium", "normal", true).requiresDataOwner).toBe(
      false,
    );
  });

  it("is not met by enough plain approvals while the data owner has not approved", () => {
    const s = quorumState({ requiredApprovals: 2, requiresDataOwner: true, approvals: [yes(), yes()] });
    expect(s).toMatchObject({ approvals: 2, met: false, hasDataOwner: false, needsDataOwner: true });
    expect(s.missing).toEqual(["An approval by the accountable data owner"]);
    expect(quorumState({ requiredApprovals: 2, requiresDataOwner: true, approvals: [yes(), yes(true)] }).met).toBe(
      true,
    );
  });

  it("counts what is missing and fails on any rejection", () => {
    expect(quorumState({ requiredApprovals: 2, requiresDataOwner: false, approvals: [] }).missing).toEqual([
      "2 more approvals",
    ]);
    const rejected = quorumState({
      requiredApprovals: 1,
      requiresDataOwner: false,
      approvals: [yes(), { decision: "reject", asDataOwner: false }],
    });
    expect(rejected).toMatchObject({ met: false, rejections: 1 });
  });
});
