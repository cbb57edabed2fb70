import { describe, expect, it } from "vitest";
import { connectionLabel, nextRunAfter, periodMs, redactConnection, scheduleLabel } from "./schedule";
import { cronProblem, ZProfileDefinitionInput } from "./schema";

const base = {
  name: "Orders",
  targetKind: "sql",
  sqlTable: "public.orders",
  scheduleKind: "interval",
  intervalMinutes: 60,
};
const issues = (raw: unknown) => {
  const r = ZProfileDefinitionInput.safeParse(raw);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("profile definition input", () => {
  it("accepts a table profile from form text and keeps only what the kind uses", () => {
    const r = ZProfileDefinitionInput.parse({
      ...base,
      intervalMinutes: "30",
      cron: "0 3 * * *",
      stepId: "profile",
      enabled: "on",
      bounds: '{"amount":{"min":0}}',
      thresholds: { nullRateJump: "0.2" },
    });
    expect(r).toMatchObject({ intervalMinutes: 30, cron: null, stepId: null, enabled: true, baselineRuns: 7 });
    expect(r.bounds).toEqual({ amount: { min: 0 } });
    expect(r.thresholds).toEqual({ nullRateJump: 0.2 });
  });

  it.each([
    ["orders", true],
    ["crm.customers", true],
    ["Interface", true],
    ['orders"; DROP TABLE x; --', false],
    ["a.b.c", false],
    ["1orders", false],
    ["crm. customers", false],
  ])("table name %s valid: %s", (sqlTable, ok) => {
    expect("sqlTable" in issues({ ...base, sqlTable })).toBe(!ok);
  });

  it("needs a flow and an environment for a stream, a table for sql", () => {
    expect(issues({ ...base, targetKind: "stream", sqlTable: "" })).toMatchObject({
      flowId: expect.any(String),
      environmentId: expect.any(String),
    });
    expect(issues({ ...base, sqlTable: "" })).toMatchObject({ sqlTable: expect.any(String) });
  });

  it("connections: a postgres URL or an environment placeholder (which needs the environment)", () => {
    expect(issues({ ...base, sqlConnection: "postgres://u:p@db.internal:5432/crm" })).toEqual({});
    expect(issues({ ...base, sqlConnection: "mysql://db/crm" })).toHaveProperty("sqlConnection");
    expect(issues({ ...base, sqlConnection: "${secrets.CRM_DB}" })).toHaveProperty("environmentId");
    expect(issues({ ...base, sqlConnection: "${secrets.CRM_DB}", environmentId: "env_dev" })).toEqual({});
  });

  it("schedules: interval bounds, five-field cron at least 5 minutes apart", () => {
    expect(issues({ ...base, intervalMinutes: 2 })).toHaveProperty("intervalMinutes");
    expect(issues({ ...base, scheduleKind: "cron", cron: "" })).toHaveProperty("cron");
    expect(cronProblem("0 3 * * *")).toBeNull();
    expect(cronProblem("*/15 * * * *")).toBeNull();
    expect(cronProblem("* * * * *")).toMatch(/5 minutes apart/);
    expect(cronProblem("*/5 * * * * *")).toMatch(/five fields/);
    expect(cronProblem("61 * * * *")).toMatch(/minute/);
    expect(cronProblem("0 0 31 2 *")).toMatch(/never runs/);
  });

  it("bounds with a minimum above the maximum are refused", () => {
    expect(issues({ ...base, bounds: { amount: { min: 5, max: 1 } } })).toHaveProperty("bounds");
  });
});

describe("profile schedule", () => {
  const from = new Date("2026-12-03T07:10:00Z");
  it("next run and period", () => {
    expect(nextRunAfter({ scheduleKind: "interval", intervalMinutes: 60, cron: null }, from)?.toISOString()).toBe(
      "2026-12-03T08:10:00.000Z",
    );
    expect(nextRunAfter({ scheduleKind: "cron", intervalMinutes: null, cron: "0 3 * * *" }, from)?.toISOString()).toBe(
      "2026-12-04T03:00:00.000Z",
    );
    expect(periodMs({ scheduleKind: "cron", intervalMinutes: null, cron: "0 */6 * * *" }, from)).toBe(6 * 3_600_000);
  });

  it("labels", () => {
    expect(scheduleLabel({ scheduleKind: "interval", intervalMinutes: 60, cron: null })).toBe("every 60 min");
    expect(scheduleLabel({ scheduleKind: "interval", intervalMinutes: 15, cron: null })).toBe("every 15 min");
    expect(scheduleLabel({ scheduleKind: "interval", intervalMinutes: 1440, cron: null })).toBe("every day");
    expect(scheduleLabel({ scheduleKind: "cron", intervalMinutes: null, cron: "0 3 * * *" })).toBe("0 3 * * * UTC");
  });

  it("connections are shown without their password", () => {
    expect(redactConnection("postgres://app:s3cret@db:5432/crm")).toBe("postgres://app:********@db:5432/crm");
    expect(redactConnection("postgres://app@db/crm")).toBe("postgres://app@db/crm");
    expect(redactConnection("${secrets.CRM_DB}")).toBe("${secrets.CRM_DB}");
    expect(connectionLabel("postgres://app:s3cret@db:5432/crm")).toBe("db:5432/crm");
  });
});
