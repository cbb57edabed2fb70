import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db } from "@/lib/db";

export type DepartmentOption = { id: string; name: string; processCount: number };

/** Departments for filters and pickers (readiness and waves use these ids too). */
export async function listDepartments(actor: Actor): Promise<DepartmentOption[]> {
  assertCan(actor, "inventory:read");
  const rows = await db().department.findMany({
    select: { id: true, name: true, _count: { select: { processes: true } } },
    orderBy: { name: "asc" },
  });
  return rows.map((d) => ({ id: d.id, name: d.name, processCount: d._count.processes }));
}
