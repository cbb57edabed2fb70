import { beforeAll, describe, expect, it } from "vitest";
// Aliased: the react-hooks lint rule mistakes the "use" prefix for a React hook.
import { useTestDatabase as withTestDatabase } from "@/test/db";
import { systemActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { exportSheet, importSheet } from "@/lib/services/sheets";
import { getCandidateOrThrow } from "./candidates";

withTestDatabase();
const admin = systemActor("test");
const HEADER =
  "name,department,processes,interfaces,dependsOn,useInventoryInputs,volumePerMonth,manualMinutesPerTxn,buildCost,runCostPerYear";
const csv = (...lines: string[]) => new TextEncoder().encode([HEADER, ...lines].join("\n"));

beforeAll(async () => {
  const dept = await db().department.create({ data: { name: "Finance" } });
  await db().businessProcess.create({
    data: {
      name: "Cash application",
      departmentId: dept.id,
      volumePerMonth: 1000,
      manualMinutesPerTxn: 3,
      errorRatePct: 5,
    },
  });
});

describe("candidates sheet", () => {
  it("rejects the whole file when one row is bad, naming row and field", async () => {
    const report = await importSheet(
      admin,
      "candidates",
      csv(
        "Lockbox feed,Finance,Cash application,,,yes,,,50000,5000",
        "Broken one,Nowhere,Missing process,,Ghost,yes,,,abc,0",
      ),
      "csv",
      { dryRun: false },
    );
    expect(report.committed).toBe(false);
    expect(report.issues).toEqual(expect.arrayContaining([expect.objectContaining({ row: 3, field: "buildCost" })]));
    expect(await db().integrationCandidate.count()).toBe(0);
    const refs = await importSheet(
      admin,
      "candidates",
      csv("Broken one,Nowhere,Missing process,,Ghost,yes,,,1,0"),
      "csv",
      { dryRun: true },
    );
    expect(refs.issues.map((i) => i.field).sort()).toEqual(["department", "dependsOn", "processes"]);
  });

  it("imports in dependency order, then re-importing its own export changes nothing", async () => {
    const report = await importSheet(
      admin,
      "candidates",
      csv(
        "Remittance matching,Finance,,,Lockbox feed,no,200,4,20000,1000",
        "Lockbox feed,Finance,Cash application,,,yes,,,50000,5000",
      ),
      "csv",
      { dryRun: false },
    );
    expect(report.issues).toEqual([]);
    expect(report.counts).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const lockbox = await db().integrationCandidate.findUniqueOrThrow({ where: { name: "Lockbox feed" } });
    const detail = await getCandidateOrThrow(admin, lockbox.id);
    expect(detail.inputs.volumePerMonth).toBe(1000);
    expect(detail.requiredBy.map((r) => r.name)).toEqual(["Remittance matching"]);

    const exported = await exportSheet(admin, "candidates", "csv");
    const again = await importSheet(admin, "candidates", exported.bytes, "csv", { dryRun: false });
    expect(again.issues).toEqual([]);
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 2 });
  });

  it("reports a dependency cycle inside the file", async () => {
    const report = await importSheet(
      admin,
      "candidates",
      csv("A one,,,,B two,yes,,,0,0", "B two,,,,A one,yes,,,0,0"),
      "csv",
      { dryRun: true },
    );
    expect(report.issues.some((i) => i.field === "dependsOn" && /cycle/.test(i.message))).toBe(true);
  });
});
