import { describe, expect, it } from "vitest";
import { compileRuleSet, evaluateRecord } from "@/lib/quality/rules";
import { QUARANTINE_DOCUMENT, seedRecords } from "./quality-quarantine";

describe("seeded quarantine", () => {
  it("holds records that fail exactly the rules their violations name, as the evaluator reports them", async () => {
    const compiled = compileRuleSet(QUARANTINE_DOCUMENT);
    for (const s of seedRecords()) {
      const found = (await evaluateRecord(compiled, s.record)).filter((v) => v.severity === "error");
      expect(found.map((v) => [v.ruleId, v.field])).toEqual(s.violations.map((v) => [v.ruleId, v.field]));
    }
  });
});
