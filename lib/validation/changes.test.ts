import { describe, expect, it } from "vitest";
import { ZChangeWindowInput, ZListChanges, ZOpenChange, ZRiskPolicyInput } from "./changes";

const form = {
  title: "Move the customer sync",
  type: "normal",
  environmentKey: "prod",
  windowStart: "2026-12-05T22:00",
  windowEnd: "2026-12-06T01:00",
  rolloutPlan: "Deploy",
  rollbackPlan: "Roll back",
  items: JSON.stringify([{ kind: "flow", versionId: "v1" }]),
  modelKey: "",
};
const messages = (r: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);

describe("change schemas", () => {
  it("reads a form: dates from strings, items from JSON, an empty model as none", () => {
    const v = ZOpenChange.parse(form);
    expect(v.windowStart).toBeInstanceOf(Date);
    expect(v.items).toEqual([{ kind: "flow", versionId: "v1" }]);
    expect(v.modelKey).toBeUndefined();
  });

  it("explains a bad window, a missing item and a standard change without a model", () => {
    expect(messages(ZOpenChange.safeParse({ ...form, windowEnd: "2026-12-05T21:00" }))).toEqual([
      "windowEnd: The window must end after it starts.",
    ]);
    expect(messages(ZOpenChange.safeParse({ ...form, windowEnd: "2026-12-20T21:00" }))[0]).toMatch(/at most 7 days/);
    expect(messages(ZOpenChange.safeParse({ ...form, items: "[]" }))).toEqual([
      "items: A change deploys at least one config item version.",
    ]);
    expect(messages(ZOpenChange.safeParse({ ...form, type: "standard" }))).toEqual([
      "modelKey: A standard change names its change model.",
    ]);
    expect(messages(ZOpenChange.safeParse({ ...form, windowStart: "soon" }))[0]).toMatch(/windowStart: Enter/);
  });

  it("checks the policy's thresholds and approvals", () => {
    expect(messages(ZRiskPolicyInput.safeParse({ mediumFrom: 60, highFrom: 40 }))).toEqual([
      "highFrom: Medium must start below high.",
    ]);
    expect(messages(ZRiskPolicyInput.safeParse({ lowApprovals: 0 }))).toEqual([
      "lowApprovals: Require at least 1 approval.",
    ]);
  });

  it("parses list filters from the URL", () => {
    expect(ZListChanges.parse({ status: "submitted,approved", mine: "1", type: "" })).toMatchObject({
      status: ["submitted", "approved"],
      mine: true,
      type: undefined,
      page: 1,
    });
    expect(ZChangeWindowInput.safeParse({ kind: "freeze", name: "x" }).success).toBe(false);
  });
});
