import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ZListQuery } from "@/lib/validation/list";
import { useTestDatabase as withTestDatabase } from "@/test/db";
import { listDecisions, listReviews } from "./governance-records";

withTestDatabase();
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };
const q = (over: Record<string, unknown> = {}) => ZListQuery.parse(over);
const COUNT = 60;

beforeAll(async () => {
  const dept = await db().department.create({ data: { name: "Governance lists" } });
  const t0 = Date.now();
  for (let i = 0; i < COUNT; i++) {
    const p = await db().businessProcess.create({
      data: { name: `${i % 2 ? "Payroll" : "Invoicing"} step ${String(i).padStart(2, "0")}`, departmentId: dept.id },
    });
    const decidedAt = new Date(t0 - i * 60_000);
    await db().processDecision.create({
      data: {
        processId: p.id,
        decision: i % 3 ? "standardize" : "customize",
        customizationScore: (i % 5) + 1,
        rationale: "test",
        decidedAt,
      },
    });
    await db().architectureReview.create({
      data: { processId: p.id, outcome: "approved", notes: `review ${i}`, reviewedAt: decidedAt },
    });
  }
});

describe("governance lists page instead of loading every record", () => {
  it("pages decisions newest first, filters them by kind and searches them by process name", async () => {
    const first = await listDecisions(viewer, q({ pageSize: 25 }));
    expect(first).toMatchObject({ total: COUNT, page: 1 });
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0].processName).toBe("Invoicing step 00");
    const last = await listDecisions(viewer, q({ pageSize: 25, page: 3 }));
    expect(last.rows.map((r) => r.processName).at(-1)).toBe("Payroll step 59");
    expect((await listDecisions(viewer, q({ filters: { decision: "customize" } }))).total).toBe(COUNT / 3);
    const payroll = await listDecisions(viewer, q({ q: "payroll", pageSize: 100 }));
    expect(payroll.total).toBe(COUNT / 2);
    expect(payroll.rows.every((r) => r.processName.startsWith("Payroll"))).toBe(true);
    const bySort = await listDecisions(viewer, q({ sort: "customizationScore", dir: "desc", pageSize: 1 }));
    expect(bySort.rows[0].customizationScore).toBe(5);
  });

  it("pages reviews newest first and says how many there are", async () => {
    const second = await listReviews(viewer, { page: 2, pageSize: 20 });
    expect(second.total).toBe(COUNT);
    expect(second.rows.map((r) => r.notes)).toEqual(Array.from({ length: 20 }, (_, i) => `review ${i + 20}`));
    expect((await listReviews(viewer, { page: 3, pageSize: 20 })).rows.at(-1)?.notes).toBe(`review ${COUNT - 1}`);
  });
});
