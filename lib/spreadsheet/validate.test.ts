import { describe, expect, it } from "vitest";
import { getSheet } from "@/lib/services/sheets";
import { readSheetFile, writeSheetFile } from "./file-format";
import { mapHeaders, validateTable } from "./validate";

const csv = (text: string) => new TextEncoder().encode(text);
const processes = getSheet("processes");
const interfaces = getSheet("interfaces");

describe("readSheetFile", () => {
  it("numbers rows as a spreadsheet does (header = 1) and skips blank lines", async () => {
    const t = await readSheetFile(csv("\uFEFFname,department\r\nA,Finance\r\n\r\nB,Sales\r\n"), "csv");
    expect(t.headers).toEqual(["name", "department"]);
    expect(t.rows).toEqual([
      { row: 2, cells: ["A", "Finance"] },
      { row: 4, cells: ["B", "Sales"] },
    ]);
  });

  it("round-trips CSV and XLSX, neutralising formulas on export and restoring them on import", async () => {
    const rows = [{ name: '=HYPERLINK("x")', department: "Finance, EU", volumePerMonth: 12 }];
    for (const format of ["csv", "xlsx"] as const) {
      const bytes = await writeSheetFile(["name", "department", "volumePerMonth"], rows, format, "Processes");
      if (format === "csv") expect(new TextDecoder().decode(bytes)).toContain(`"'=HYPERLINK(""x"")"`);
      const back = await readSheetFile(bytes, format);
      expect(back.headers).toEqual(["name", "department", "volumePerMonth"]);
      expect(back.rows).toEqual([{ row: 2, cells: ['=HYPERLINK("x")', "Finance, EU", "12"] }]);
    }
  });

  it("rejects an empty file and a file that is not a workbook", async () => {
    await expect(readSheetFile(csv(""), "csv")).rejects.toThrow(/empty/);
    await expect(readSheetFile(csv("not a zip"), "xlsx")).rejects.toThrow(/xlsx/);
  });
});

describe("mapHeaders", () => {
  it("matches headers ignoring case, spaces and underscores", () => {
    const { index, issues } = mapHeaders(processes, ["Name", "DEPARTMENT", "volume per month", "error_rate_pct"]);
    expect(issues).toEqual([]);
    expect([...index.keys()]).toEqual(["name", "department", "volumePerMonth", "errorRatePct"]);
  });

  it("reports unknown, duplicate and missing required columns on row 1", () => {
    const { issues } = mapHeaders(processes, ["name", "name", "colour"]);
    expect(issues).toEqual([
      expect.objectContaining({ row: 1, field: "name", message: expect.stringContaining("twice") }),
      expect.objectContaining({ row: 1, field: "colour", message: expect.stringContaining("Unknown column") }),
      expect.objectContaining({ row: 1, field: "department", message: expect.stringContaining("Required column") }),
    ]);
  });
});

describe("validateTable", () => {
  it("reports every bad row by row number and field, and accepts the good ones", async () => {
    const t = await readSheetFile(
      csv(
        [
          "name,department,volumePerMonth,errorRatePct,painPoints,systems",
          "Invoice processing,Finance,7400,6.5,high: re-keying #manual,SAP S/4HANA; Coupa",
          "Month-end close,Finance,lots,4,,",
          ",Sales,10,150,,",
          "Payroll,HR,10,1,urgent: late,",
        ].join("\n"),
      ),
      "csv",
    );
    const { rows, issues } = validateTable(processes, t);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      row: 2,
      value: {
        name: "Invoice processing",
        systems: ["SAP S/4HANA", "Coupa"],
        painPoints: [{ severity: "high", tags: ["manual"] }],
      },
    });
    expect(issues.map((i) => [i.row, i.field])).toEqual([
      [3, "volumePerMonth"],
      [4, "name"],
      [4, "errorRatePct"],
      [5, "painPoints"],
    ]);
  });

  it("flags a repeated natural key with the row it repeats", async () => {
    const t = await readSheetFile(
      csv(
        "name,source,target,mechanism,payloadFormat,frequency\nOrders,A,B,api,json,daily\nOrders,a,b,file,csv,daily\nOrders,B,A,api,json,daily\n",
      ),
      "csv",
    );
    const { rows, issues } = validateTable(interfaces, t);
    expect(rows.map((r) => r.row)).toEqual([2, 4]);
    expect(issues).toEqual([{ row: 3, field: "name", message: expect.stringContaining("Duplicate of row 2") }]);
  });
});
