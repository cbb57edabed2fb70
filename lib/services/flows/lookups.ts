import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, type Prisma } from "@/lib/db";
import {
  lookupWords,
  ZLookupQuery,
  type TLookupOption,
  type TLookupQuery,
  type TLookupResult,
} from "@/lib/validation/lookup";
import { insensitive, interfaceSearchWhere } from "@/lib/services/inventory/lookups";
import { interfaceLinkInclude, isResidencyFlagged, toInterfaceLink, type FlowInterfaceLink } from "./residency";

const flowOption = (f: { id: string; name: string; archivedAt: Date | null }): TLookupOption => ({
  id: f.id,
  label: f.name,
  detail: f.archivedAt ? "archived" : undefined,
});

/**
 * Flows by name for the DLQ and runs filters. Archived flows are included (marked): their dead
 * letters and runs are still there to be found.
 */
export async function searchFlows(actor: Actor, raw: TLookupQuery): Promise<TLookupResult> {
  assertCan(actor, "flow:read");
  const query = ZLookupQuery.parse(raw);
  const where: Prisma.FlowWhereInput = { AND: lookupWords(query.q).map((w) => ({ name: insensitive(w) })) };
  const [rows, total] = await Promise.all([
    db().flow.findMany({
      where,
      select: { id: true, name: true, archivedAt: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: query.limit,
    }),
    db().flow.count({ where }),
  ]);
  return { options: rows.map(flowOption), total };
}

/** A filter's current flow, by id; null when it does not exist. */
export async function flowLookupOption(actor: Actor, id: string | undefined): Promise<TLookupOption | null> {
  assertCan(actor, "flow:read");
  if (!id) return null;
  const f = await db().flow.findUnique({ where: { id }, select: { id: true, name: true, archivedAt: true } });
  return f ? flowOption(f) : null;
}

const RESIDENCY_WARNING = "Residency flagged";

/** How the flow form's interface picker shows an interface; flagged ones carry a warning. */
export function flowInterfaceOption(link: FlowInterfaceLink): TLookupOption {
  return {
    id: link.id,
    label: link.name,
    detail: `${link.source} → ${link.target}`,
    warning: isResidencyFlagged(link) ? RESIDENCY_WARNING : undefined,
  };
}

/**
 * Inventory interfaces a flow can implement, for flow editors: every word of `q` in the interface
 * or a system name, ordered by source system, target system and name.
 */
export async function searchFlowInterfaces(actor: Actor, raw: TLookupQuery): Promise<TLookupResult> {
  assertCan(actor, "flow:edit");
  const query = ZLookupQuery.parse(raw);
  const where = interfaceSearchWhere(query.q);
  const [rows, total] = await Promise.all([
    db().interface.findMany({
      where,
      include: interfaceLinkInclude,
      orderBy: [{ sourceSystem: { name: "asc" } }, { targetSystem: { name: "asc" } }, { name: "asc" }, { id: "asc" }],
      take: query.limit,
    }),
    db().interface.count({ where }),
  ]);
  return { options: rows.map((i) => flowInterfaceOption(toInterfaceLink(i))), total };
}
