import { describe, expect, it } from "vitest";
import { formatPainPoints, parsePainPoints, ZInterfaceInput, ZProcessInput, ZSystemInput } from "./inventory";

describe("parsePainPoints", () => {
  it("reads severity, description and tags from lines and semicolons", () => {
    const parsed = parsePainPoints("high: invoices re-keyed #rekeying #AP; low: late approvals\ncritical: fraud risk");
    expect(parsed).toEqual({
      ok: true,
      value: [
        { severity: "high", description: "invoices re-keyed", tags: ["rekeying", "ap"] },
        { severity: "low", description: "late approvals", tags: [] },
        { severity: "critical", description: "fraud risk", tags: [] },
      ],
    });
  });

  it("accepts the severity label in any case", () => {
    const parsed = parsePainPoints("HIGH: slow");
    expect(parsed.ok && parsed.value[0].severity).toBe("high");
  });

  it("rejects an unknown severity and a line without one, naming the text", () => {
    const bad = parsePainPoints("urgent: slow");
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toContain("severity");
    const noColon = parsePainPoints("everything is slow");
    expect(!noColon.ok && noColon.error).toContain('"everything is slow"');
  });

  it("round-trips through formatPainPoints", () => {
    const text = "high: invoices re-keyed #rekeying; medium: duplicates";
    const parsed = parsePainPoints(text);
    expect(parsed.ok && formatPainPoints(parsed.value)).toBe(text);
  });
});

describe("ZProcessInput", () => {
  const base = { name: "Invoice processing", department: "Finance" };

  it("coerces spreadsheet numbers, blanks to 0 and a single system id to a list", () => {
    const p = ZProcessInput.parse({
      ...base,
      volumePerMonth: "1,200",
      manualMinutesPerTxn: "",
      errorRatePct: "6.5%",
      systemIds: "sys1",
    });
    expect(p).toMatchObject({
      volumePerMonth: 1200,
      manualMinutesPerTxn: 0,
      errorRatePct: 6.5,
      cycleTimeHours: 0,
      systemIds: ["sys1"],
      painPoints: [],
    });
  });

  it("names the field for out-of-range and non-numeric values", () => {
    const r = ZProcessInput.safeParse({ ...base, errorRatePct: "140", volumePerMonth: "lots" });
    expect(r.success).toBe(false);
    const fields = r.error!.issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(["errorRatePct", "volumePerMonth"]));
  });

  it("rejects a bad owner email but allows none", () => {
    expect(ZProcessInput.safeParse({ ...base, ownerEmail: "nope" }).success).toBe(false);
    expect(ZProcessInput.parse({ ...base, ownerEmail: " " }).ownerEmail).toBe("");
  });

  it("parses pain points given as text", () => {
    expect(ZProcessInput.parse({ ...base, painPoints: "medium: slow #speed" }).painPoints).toEqual([
      { severity: "medium", description: "slow", tags: ["speed"] },
    ]);
    const bad = ZProcessInput.safeParse({ ...base, painPoints: "high: ok\nmeh: slow" });
    expect(bad.error?.issues).toEqual([
      expect.objectContaining({ path: ["painPoints"], message: expect.stringContaining('"meh: slow"') }),
    ]);
  });
});

describe("enums", () => {
  it("accept values and labels loosely", () => {
    const s = ZSystemInput.parse({ name: "SAP", type: "ERP", hosting: "On-prem", criticality: "mission critical" });
    expect(s).toMatchObject({ type: "erp", hosting: "on_prem", criticality: "mission_critical", lifecycle: "active" });
  });

  it("list the allowed values when wrong", () => {
    const r = ZSystemInput.safeParse({ name: "SAP", type: "mainframe", hosting: "cloud", criticality: "low" });
    expect(r.error?.issues[0].message).toContain("erp, crm, hris");
  });
});

describe("ZInterfaceInput", () => {
  const base = { name: "Orders", mechanism: "api", payloadFormat: "json", frequency: "daily" };
  it("requires two different systems", () => {
    const r = ZInterfaceInput.safeParse({ ...base, sourceSystemId: "a", targetSystemId: "a" });
    expect(r.error?.issues[0].path).toEqual(["targetSystemId"]);
    expect(
      ZInterfaceInput.parse({ ...base, sourceSystemId: "a", targetSystemId: "b", mechanism: "Point-to-point" })
        .mechanism,
    ).toBe("point_to_point");
  });
});
