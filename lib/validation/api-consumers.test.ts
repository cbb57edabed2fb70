import { describe, expect, it } from "vitest";
import { ZConsumerInput, ZIssueKeyInput, ZPlanInput, describePlanLimits, keyStatus } from "./api-consumers";

const plan = { key: "gold", name: "Gold", ratePerSecond: "", burst: "", perMinute: "", perDay: "", perMonth: "" };
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("ZPlanInput", () => {
  it("reads empty fields as no limit", () => {
    expect(ZPlanInput.parse(plan)).toMatchObject({ ratePerSecond: null, burst: null, perDay: null });
  });

  it("needs a burst of at least 1 when a rate is set, and a rate when a burst is set", () => {
    expect(issues(ZPlanInput.safeParse({ ...plan, ratePerSecond: "10" }))).toHaveProperty("burst");
    expect(issues(ZPlanInput.safeParse({ ...plan, ratePerSecond: "10", burst: "0" }))).toHaveProperty("burst");
    expect(issues(ZPlanInput.safeParse({ ...plan, burst: "20" }))).toHaveProperty("ratePerSecond");
    expect(ZPlanInput.safeParse({ ...plan, ratePerSecond: "10", burst: "20" }).success).toBe(true);
  });

  it("refuses a burst smaller than one second of the rate", () => {
    expect(issues(ZPlanInput.safeParse({ ...plan, ratePerSecond: "50", burst: "10" }))).toHaveProperty("burst");
  });

  it("refuses a longer window with a smaller quota than a shorter one", () => {
    const r = ZPlanInput.safeParse({ ...plan, perDay: "10000", perMonth: "5000" });
    expect(issues(r).perMonth).toMatch(/below the per day one \(10,000\)/);
  });

  it("refuses a fractional or negative quota and a bad slug", () => {
    expect(issues(ZPlanInput.safeParse({ ...plan, perDay: "1.5" }))).toHaveProperty("perDay");
    expect(issues(ZPlanInput.safeParse({ ...plan, perDay: "-1" }))).toHaveProperty("perDay");
    expect(issues(ZPlanInput.safeParse({ ...plan, key: "Gold Plan" }))).toHaveProperty("key");
  });
});

describe("describePlanLimits", () => {
  it("says what a plan allows in words", () => {
    expect(describePlanLimits({ ratePerSecond: 50, burst: 100, perMinute: null, perDay: 10000, perMonth: null })).toBe(
      "50 req/s, bursts of 100; 10,000 per day",
    );
    expect(
      describePlanLimits({ ratePerSecond: null, burst: null, perMinute: 600, perDay: null, perMonth: 2_000_000 }),
    ).toBe("600 per minute, 2,000,000 per month");
    expect(
      describePlanLimits({ ratePerSecond: null, burst: null, perMinute: null, perDay: null, perMonth: null }),
    ).toBe("No limits");
  });
});

describe("ZConsumerInput", () => {
  const base = { key: "crm", name: "CRM", planId: "p1", systemId: "", latencyToleranceMs: "", jwtSubjects: "" };
  it("splits JWT subjects on lines and commas, dropping blanks and duplicates", () => {
    const parsed = ZConsumerInput.parse({ ...base, jwtSubjects: "svc-crm\n svc-crm2 , svc-crm\n\n" });
    expect(parsed.jwtSubjects).toEqual(["svc-crm", "svc-crm2"]);
    expect(parsed.systemId).toBeNull();
    expect(parsed.latencyToleranceMs).toBeNull();
  });
  it("checks the contact email only when given", () => {
    expect(ZConsumerInput.safeParse({ ...base, contactEmail: "" }).success).toBe(true);
    expect(issues(ZConsumerInput.safeParse({ ...base, contactEmail: "nope" }))).toHaveProperty("contactEmail");
  });
});

describe("ZIssueKeyInput", () => {
  it("needs at least one API version and a known environment", () => {
    const ok = { consumerId: "c1", environment: "dev", apiVersionIds: "v1" };
    expect(ZIssueKeyInput.parse(ok).apiVersionIds).toEqual(["v1"]);
    expect(issues(ZIssueKeyInput.safeParse({ ...ok, apiVersionIds: [] }))).toHaveProperty("apiVersionIds");
    expect(issues(ZIssueKeyInput.safeParse({ ...ok, environment: "staging" }))).toHaveProperty("environment");
  });
});

describe("keyStatus", () => {
  const now = new Date("2026-12-02T12:00:00Z");
  it("revoked wins over expired; an expiry in the past means expired", () => {
    expect(keyStatus({ revokedAt: null, expiresAt: null }, now)).toBe("active");
    expect(keyStatus({ revokedAt: null, expiresAt: "2026-12-01T00:00:00Z" }, now)).toBe("expired");
    expect(keyStatus({ revokedAt: now, expiresAt: "2026-12-01T00:00:00Z" }, now)).toBe("revoked");
    expect(keyStatus({ revokedAt: null, expiresAt: "2027-01-01T00:00:00Z" }, now)).toBe("active");
  });
});
