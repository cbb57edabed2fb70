import { describe, expect, it } from "vitest";
import { RESUBMIT_HEADER, RESUME_AT_HEADER } from "@/lib/engine/core/message";
import { quarantineRow, resubmitMessage } from "./quarantine";

const ctx = {
  flowId: "f1",
  flowName: "orders",
  flowVersionId: "fv1",
  environmentId: "e1",
  environmentKey: "dev",
  deploymentId: "d1",
};

describe("quarantine rows and resubmissions", () => {
  it("carries the deployment, the distinct rule ids and fields, and turns undefined values into null", () => {
    const row = quarantineRow(
      ctx,
      {
        stepId: "validate",
        ruleSetKey: "orders",
        ruleSetVersionId: "v1",
        messageId: "m1",
        correlationId: "c1",
        inputId: "i1",
        recordIndex: 3,
        record: { qty: 0 },
        violations: [
          { ruleId: "qty-range", field: "qty", value: 0, message: "too small" },
          { ruleId: "id-required", field: "id", value: undefined, message: "is required" },
          { ruleId: "qty-range", field: "lines[1].qty", value: 0, message: "too small" },
        ],
        headers: { a: "b" },
      },
      "q1",
    );
    expect(row).toMatchObject({ id: "q1", flowId: "f1", deploymentId: "d1", environmentId: "e1", recordIndex: 3 });
    expect(row.ruleIds).toEqual(["qty-range", "id-required"]);
    expect(row.fields).toEqual(["qty", "id", "lines[1].qty"]);
    expect(JSON.parse(JSON.stringify(row.violations))[1]).toEqual({
      ruleId: "id-required",
      field: "id",
      value: null,
      message: "is required",
    });
  });

  it("resubmits the fix (else the record) in its correlation, resuming at its step, replacing earlier resume headers", () => {
    const base = {
      id: "q1",
      stepId: "validate",
      correlationId: "c1",
      record: { qty: 0 },
      headers: { [RESUBMIT_HEADER]: "old", [RESUME_AT_HEADER]: "elsewhere", keep: "me" },
      flowName: "orders",
      environmentKey: "dev",
    };
    const fixed = resubmitMessage({ ...base, fixedRecord: { qty: 1 } });
    expect(fixed.body).toEqual({ qty: 1 });
    expect(fixed.correlationId).toBe("c1");
    expect(fixed.headers).toEqual({ [RESUBMIT_HEADER]: "q1", [RESUME_AT_HEADER]: "validate", keep: "me" });
    expect(resubmitMessage({ ...base, fixedRecord: null }).body).toEqual({ qty: 0 });
    expect(resubmitMessage({ ...base, fixedRecord: null }).id).not.toBe(fixed.id);
  });
});
