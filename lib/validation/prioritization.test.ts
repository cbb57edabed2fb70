import { describe, expect, it } from "vitest";
import { formDataToObject } from "@/lib/utils/form-data";
import { ZSaveGovernanceRuleInput, ZSetCandidateStatusInput, ZSubmitScoresForm } from "./prioritization";

const form = (fields: [string, string][]) => {
  const fd = new FormData();
  for (const [k, v] of fields) fd.append(k, v);
  return formDataToObject(fd);
};

describe("ZSubmitScoresForm", () => {
  it("gathers score.<key> fields into scores and leaves blank ones out", () => {
    const raw = form([
      ["sessionId", "s1"],
      ["candidateId", "c1"],
      ["score.value", "4"],
      ["score.risk", ""],
      ["note", "ignored"],
    ]);
    expect(ZSubmitScoresForm.parse(raw)).toEqual({ sessionId: "s1", candidateId: "c1", scores: { value: 4 } });
  });

  it("reports an out-of-range score under its criterion", () => {
    const r = ZSubmitScoresForm.safeParse(
      form([
        ["sessionId", "s1"],
        ["candidateId", "c1"],
        ["score.value", "9"],
      ]),
    );
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["scores.value"]);
  });
});

describe("ZSetCandidateStatusInput", () => {
  it("moves between draft and proposed", () => {
    expect(ZSetCandidateStatusInput.parse({ candidateId: "c1", status: "proposed" }).status).toBe("proposed");
  });

  it("refuses approval, which has its own action and permission", () => {
    const r = ZSetCandidateStatusInput.safeParse({ candidateId: "c1", status: "approved" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(/Approving is a separate step/);
  });
});

describe("ZSaveGovernanceRuleInput", () => {
  const rule = [
    ["name", "Too custom"],
    ["metric", "customization_score"],
    ["operator", ">="],
    ["threshold", "4"],
  ] as [string, string][];

  it("creates when the form's ruleId is empty and edits when it is set", () => {
    expect(ZSaveGovernanceRuleInput.parse(form([...rule, ["ruleId", ""]])).ruleId).toBeUndefined();
    expect(ZSaveGovernanceRuleInput.parse(form([...rule, ["ruleId", "r1"]])).ruleId).toBe("r1");
  });
});
