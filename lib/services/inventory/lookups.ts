import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, type Prisma } from "@/lib/db";
import {
  lookupWords,
  ZLookupQuery,
  ZProcessLookupQuery,
  type TLookupOption,
  type TLookupQuery,
  type TLookupResult,
  type TProcessLookupQuery,
} from "@/lib/validation/lookup";

/** A case-insensitive "contains" filter; every lookup matches each typed word this way. */
export const insensitive = (w: string) => ({ contains: w, mode: "insensitive" as const });

/** Interfaces whose name or source/target system contains every word of `q` (inventory and flow pickers). */
export function interfaceSearchWhere(q: string): Prisma.InterfaceWhereInput {
  return {
    AND: lookupWords(q).map((w) => ({
      OR: [
        { name: insensitive(w) },
        { sourceSystem: { name: insensitive(w) } },
        { targetSystem: { name: insensitive(w) } },
      ],
    })),
  };
}

function processWhere(query: ReturnType<typeof ZProcessLookupQuery.parse>): Prisma.BusinessProcessWhereInput {
  const and: Prisma.BusinessProcessWhereInput[] = lookupWords(query.q).map((w) => ({
    OR: [{ name: insensitive(w) }, { department: { name: insensitive(w) } }],
  }));
  if (query.departmentId) and.push({ departmentId: query.departmentId });
  if (query.withSystems) and.push({ systems: { some: {} } });
  return { AND: and };
}

const processOption = (p: { id: string; name: string; department: { name: string } }): TLookupOption => ({
  id: p.id,
  label: p.name,
  detail: p.department.name,
});

/** Processes whose name or department contains every word of `q`, by name, with the number that match. */
export async function searchProcesses(actor: Actor, raw: TProcessLookupQuery): Promise<TLookupResult> {
  assertCan(actor, "inventory:read");
  const query = ZProcessLookupQuery.parse(raw);
  const where = processWhere(query);
  const [rows, total] = await Promise.all([
    db().businessProcess.findMany({
      where,
      select: { id: true, name: true, department: { select: { name: true } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: query.limit,
    }),
    db().businessProcess.count({ where }),
  ]);
  return { options: rows.map(processOption), total };
}

/** The picker's current value: a process by id, or null when it no longer exists (or fails the filter). */
export async function processLookupOption(
  actor: Actor,
  id: string | undefined,
  filter: Omit<TProcessLookupQuery, "q" | "limit"> = {},
): Promise<TLookupOption | null> {
  assertCan(actor, "inventory:read");
  if (!id) return null;
  const where = processWhere(ZProcessLookupQuery.parse(filter));
  const p = await db().businessProcess.findFirst({
    where: { AND: [{ id }, where] },
    select: { id: true, name: true, department: { select: { name: true } } },
  });
  return p ? processOption(p) : null;
}

/** Interfaces whose name or source/target system contains every word of `q`. */
export async function searchInterfaces(actor: Actor, raw: TLookupQuery): Promise<TLookupResult> {
  assertCan(actor, "inventory:read");
  const query = ZLookupQuery.parse(raw);
  const where = interfaceSearchWhere(query.q);
  const [rows, total] = await Promise.all([
    db().interface.findMany({
      where,
      select: {
        id: true,
        name: true,
        sourceSystem: { select: { name: true } },
        targetSystem: { select: { name: true } },
      },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: query.limit,
    }),
    db().interface.count({ where }),
  ]);
  return {
    options: rows.map((i) => ({ id: i.id, label: i.name, detail: `${i.sourceSystem.name} → ${i.targetSystem.name}` })),
    total,
  };
}

/** Whether the inventory holds any interface (the advisor has nothing to work on otherwise). */
export async function hasInterfaces(actor: Actor): Promise<boolean> {
  assertCan(actor, "inventory:read");
  return (await db().interface.findFirst({ select: { id: true } })) !== null;
}
