import { describe, expect, it } from "vitest";
import { ZMaskingPolicyDocument } from "@/lib/quality/privacy/policy";
import { blankRule, toDraft, toPolicyJson, toRule } from "./policy-rules";

const PRIVACY_POLICY_DOCUMENT = ZMaskingPolicyDocument.parse({
  key: "crm-customers",
  description: "CRM customer data outside production.",
  flows: ["demo-crm-customers-validated", "other-flow"],
  rules: [
    { match: { path: "iban" }, method: "partial", keepFirst: 2, keepLast: 4, maskChar: "#" },
    { match: { tag: "PCI" }, method: "hash", hashLength: 16 },
    { match: { tag: "PII" }, method: "tokenize", tweak: "crm" },
    { match: { level: "restricted" }, method: "redact", replacement: "[gone]" },
  ],
});

describe("policy editor rows", () => {
  it("round-trips every method and option unchanged", () => {
    const drafts = PRIVACY_POLICY_DOCUMENT.rules.map((r) => toDraft(r));
    const json = toPolicyJson({
      key: ` ${PRIVACY_POLICY_DOCUMENT.key} `,
      description: PRIVACY_POLICY_DOCUMENT.description,
      flows: PRIVACY_POLICY_DOCUMENT.flows.join(", "),
      rules: drafts,
    });
    expect(ZMaskingPolicyDocument.parse(JSON.parse(json))).toEqual(PRIVACY_POLICY_DOCUMENT);
  });

  it("keeps only the options the method reads", () => {
    const draft = { ...blankRule(), method: "partial" as const, keepLast: "4", replacement: "x", tweak: "t" };
    expect(toRule(draft)).toEqual({ match: { tag: "PII" }, method: "partial", keepLast: 4 });
    expect(toRule({ ...draft, method: "tokenize" })).toEqual({ match: { tag: "PII" }, method: "tokenize", tweak: "t" });
    expect(toRule({ ...draft, method: "redact" })).toEqual({
      match: { tag: "PII" },
      method: "redact",
      replacement: "x",
    });
  });

  it("passes what is not a number on as typed, so the server names the problem", () => {
    const rule = toRule({ ...blankRule(), matchKind: "path", matchValue: " dob ", method: "hash", hashLength: "long" });
    expect(rule).toEqual({ match: { path: "dob" }, method: "hash", hashLength: "long" });
    const parsed = ZMaskingPolicyDocument.safeParse({ key: "k", rules: [rule] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].path).toEqual(["rules", 0, "hashLength"]);
  });

  it("reads an unknown method as redact and a rule without a match as a level rule", () => {
    expect(toDraft({ method: "encrypt" })).toMatchObject({ method: "redact", matchKind: "level", matchValue: "" });
  });
});
