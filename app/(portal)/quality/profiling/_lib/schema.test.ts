import { describe, expect, it } from "vitest";
import { zodFieldErrors } from "@/lib/errors/action-result";
import { boundRowErrors, emptyFormState, formPayload, formStateOf } from "./form-model";
import { nextCronRuns, ZProfileForm } from "./schema";

const stream = () => ({
  ...formPayload(emptyFormState()),
  name: "Orders stream",
  flowId: "flow1",
  environmentId: "env1",
});

function errorsOf(raw: unknown) {
  const r = ZProfileForm.safeParse(raw);
  if (r.success) throw new Error("expected the form to be refused");
  return zodFieldErrors(r.error);
}

describe("ZProfileForm", () => {
  it("turns the form (percent, rows) into the service's input (fractions, bounds by column)", () => {
    const input = ZProfileForm.parse({
      ...stream(),
      sqlTable: "ignored.for_stream",
      thresholds: { nullRateJump: "12.5", volumeDrop: "", outOfRangeGrowth: "5" },
      bounds: [{ column: "customer.age", min: "0", max: "130", minLength: "", maxLength: "" }],
    });
    expect(input).toMatchObject({
      name: "Orders stream",
      targetKind: "stream",
      flowId: "flow1",
      environmentId: "env1",
      stepId: null,
      sqlTable: null,
      scheduleKind: "interval",
      intervalMinutes: 60,
      cron: null,
      baselineRuns: 7,
      thresholds: { nullRateJump: 0.125, outOfRangeGrowth: 0.05 },
      bounds: { "customer.age": { min: 0, max: 130 } },
      enabled: true,
    });
    expect(input.thresholds).not.toHaveProperty("volumeDrop");
  });

  it("asks for the target each kind needs", () => {
    expect(errorsOf({ ...stream(), flowId: "", environmentId: "" })).toMatchObject({
      flowId: [expect.stringMatching(/flow/)],
      environmentId: [expect.any(String)],
    });
    expect(errorsOf({ ...stream(), targetKind: "sql" })).toHaveProperty("sqlTable");
    expect(errorsOf({ ...stream(), targetKind: "sql", sqlTable: "customers; drop table x" })).toHaveProperty(
      "sqlTable",
    );
    const viaConnection = {
      ...stream(),
      targetKind: "sql",
      flowId: "",
      environmentId: "",
      sqlTable: "public.customers",
      sqlConnection: "postgres://dwh.internal/sales",
    };
    expect(ZProfileForm.parse(viaConnection)).toMatchObject({
      flowId: null,
      environmentId: null,
      stepId: null,
      sqlTable: "public.customers",
      sqlConnection: "postgres://dwh.internal/sales",
    });
    expect(errorsOf({ ...viaConnection, sqlConnection: "dwh" })).toHaveProperty("sqlConnection");
    expect(errorsOf({ ...viaConnection, sqlConnection: "${secrets.DWH_URL}" })).toHaveProperty("environmentId");
    const viaFlow = { ...viaConnection, flowId: "flow1", environmentId: "env1", sqlConnection: "" };
    expect(ZProfileForm.parse(viaFlow)).toMatchObject({ flowId: "flow1", environmentId: "env1", sqlConnection: null });
    expect(errorsOf({ ...viaFlow, environmentId: "" })).toHaveProperty("environmentId");
  });

  it("checks the schedule", () => {
    expect(errorsOf({ ...stream(), intervalMinutes: "" })).toHaveProperty("intervalMinutes");
    expect(errorsOf({ ...stream(), intervalMinutes: "1.5" })).toHaveProperty("intervalMinutes");
    expect(errorsOf({ ...stream(), intervalMinutes: "2" })).toHaveProperty("intervalMinutes");
    expect(errorsOf({ ...stream(), scheduleKind: "cron", cron: "* * * * *" })).toHaveProperty("cron");
    expect(errorsOf({ ...stream(), scheduleKind: "cron", cron: "" })).toHaveProperty("cron");
    expect(errorsOf({ ...stream(), scheduleKind: "cron", cron: "every day" })).toHaveProperty("cron");
    expect(ZProfileForm.parse({ ...stream(), scheduleKind: "cron", cron: "0 6 * * *" })).toMatchObject({
      cron: "0 6 * * *",
      intervalMinutes: null,
    });
  });

  it("puts bound and threshold errors on their row and field", () => {
    const errors = errorsOf({
      ...stream(),
      thresholds: { nullRateJump: "120", volumeDrop: "x", outOfRangeGrowth: "5" },
      bounds: [
        { column: "a", min: "5", max: "1", minLength: "", maxLength: "" },
        { column: "a", min: "", max: "", minLength: "", maxLength: "" },
      ],
    });
    expect(Object.keys(errors).sort()).toEqual([
      "bounds.0.max",
      "bounds.1.column",
      "bounds.1.min",
      "thresholds.nullRateJump",
      "thresholds.volumeDrop",
    ]);
    expect(boundRowErrors(errors, 1, "a")).toEqual({
      column: ["This column already has bounds."],
      min: ["Set at least one bound, or remove the row."],
    });
    expect(boundRowErrors({ "bounds.customer.age.max": ["too big"] }, 0, "customer.age")).toEqual({
      max: ["too big"],
    });
  });
});

describe("form state", () => {
  it("round-trips a stored definition", () => {
    const state = formStateOf({
      id: "d1",
      runRequestedAt: null,
      name: "Customers table",
      description: "",
      targetKind: "sql",
      targetLabel: "public.customers",
      flowId: null,
      environmentId: null,
      environmentKey: null,
      sqlTable: "public.customers",
      scheduleLabel: "0 6 * * * UTC",
      scheduleKind: "cron",
      cron: "0 6 * * *",
      enabled: false,
      nextRunAt: null,
      lastRun: null,
      openAnomalies: 0,
      baselineRuns: 5,
      thresholds: { nullRateJump: 0.2, volumeDrop: 0.5, outOfRangeGrowth: 0.05 },
      bounds: { age: { min: 0 } },
    });
    expect(state.thresholds.nullRateJump).toBe("20");
    expect(ZProfileForm.parse(formPayload(state))).toMatchObject({
      id: "d1",
      targetKind: "sql",
      sqlTable: "public.customers",
      cron: "0 6 * * *",
      baselineRuns: 5,
      thresholds: { nullRateJump: 0.2, volumeDrop: 0.5, outOfRangeGrowth: 0.05 },
      bounds: { age: { min: 0 } },
      enabled: false,
    });
  });
});

describe("nextCronRuns", () => {
  it("lists the next firings in UTC, [] for nonsense", () => {
    expect(nextCronRuns("0 6 * * *", 2, new Date("2026-12-03T07:00:00Z"))).toEqual([
      "2026-12-04T06:00:00.000Z",
      "2026-12-05T06:00:00.000Z",
    ]);
    expect(nextCronRuns("nope")).toEqual([]);
  });
});
