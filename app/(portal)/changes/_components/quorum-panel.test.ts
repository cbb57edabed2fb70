import { describe, expect, it } from "vitest";
import { quorumSentence, type QuorumView } from "./quorum-panel";

const q = (over: Partial<QuorumView>): QuorumView => ({
  required: 2,
  approvals: 0,
  rejections: 0,
  hasDataOwner: false,
  needsDataOwner: false,
  met: false,
  missing: [],
  ...over,
});

describe("quorumSentence", () => {
  it("names how many approvals are missing and whose", () => {
    expect(quorumSentence(q({ approvals: 1, needsDataOwner: true }), ["Customer"])).toBe(
      "Needs 1 more approval, including the accountable data owner of Customer.",
    );
    expect(quorumSentence(q({ needsDataOwner: false }))).toBe("Needs 2 more approvals.");
  });
  it("asks for the data owner alone when the count is reached without them", () => {
    expect(quorumSentence(q({ approvals: 2, needsDataOwner: true }), ["Customer", "Pricing"])).toBe(
      "Needs an approval by the accountable data owner of Customer, Pricing.",
    );
  });
  it("reports a met quorum and a rejection", () => {
    expect(quorumSentence(q({ approvals: 2, met: true }))).toBe("Quorum met: 2 of 2 approvals.");
    expect(quorumSentence(q({ rejections: 1, missing: ["Rejected by a CAB member"] }))).toBe(
      "Rejected by a CAB member",
    );
  });
});
