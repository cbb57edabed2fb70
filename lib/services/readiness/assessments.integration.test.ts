import { beforeAll, describe, expect, it } from "vitest";
// Aliased: the react-hooks lint rule mistakes the "use" prefix for a React hook.
import { useTestDatabase as withTestDatabase } from "@/test/db";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { capacityByDepartment, listReadiness, saveReadiness } from "./assessments";

withTestDatabase();
const admin = systemActor("test");
const viewer: Actor = { id: null, email: "v@example.com", name: "V", role: "viewer" };
let deptId: string;

beforeAll(async () => {
  deptId = (await db().department.create({ data: { name: "Operations" } })).id;
  await db().department.create({ data: { name: "Legal" } });
});

describe("readiness assessments", () => {
  it("scores the questionnaire, upserts per department and feeds wave capacity", async () => {
    const answers = {
      bandwidthFte: 3,
      technicalLiteracy: 5,
      sponsorship: 5,
      changeFatigue: 0,
      priorFailures: 0,
      jobSecurityConcern: 0,
      processAttachment: 0,
    };
    expect(await saveReadiness(admin, { departmentId: deptId, ...answers })).toBe(100);
    expect(
      await saveReadiness(admin, {
        departmentId: deptId,
        ...answers,
        bandwidthFte: 1.5,
        technicalLiteracy: 3,
        sponsorship: 1,
        changeFatigue: 3,
        priorFailures: 3,
      }),
    ).toBe(43);
    const rows = await listReadiness(viewer);
    expect(rows.map((r) => [r.department, r.score])).toEqual([
      ["Legal", null],
      ["Operations", 43],
    ]);
    expect(await capacityByDepartment()).toEqual([{ departmentId: deptId, capacityFte: 0.65 }]);
    expect(await db().readinessAssessment.count()).toBe(1);
  });

  it("rejects bad answers and viewers", async () => {
    await expect(
      saveReadiness(admin, {
        departmentId: deptId,
        bandwidthFte: -1,
        technicalLiteracy: 9,
        sponsorship: 3,
        changeFatigue: 0,
        priorFailures: 0,
        jobSecurityConcern: 0,
        processAttachment: 0,
      }),
    ).rejects.toThrow();
    await expect(saveReadiness(viewer, { departmentId: deptId })).rejects.toThrow(/readiness:edit/);
  });
});
