import "server-only";
import type { Tx } from "@/lib/db";
import { RESIDENCY_FLAGGED } from "../flows/residency";
import { insideOccurrence, occurrencesBetween } from "./occurrences";

export type TConflict = {
  kind: "change" | "blackout" | "maintenance" | "residency";
  message: string;
  otherChangeId?: string;
  windowId?: string;
};

export type TConflictInput = {
  environmentId: string;
  windowStart: Date;
  windowEnd: Date;
  items: { kind: string; itemKey: string; itemId: string }[];
  /** System names the items touch (impact.systems). */
  systems: string[];
  excludeChangeId?: string;
};

const utc = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";

/**
 * Flags what the CAB should see before it votes. Like ServiceNow's conflict detection it advises; the
 * engine's gate is what refuses to run an unapproved version.
 */
export async function detectConflicts(tx: Tx, input: TConflictInput): Promise<TConflict[]> {
  const { windowStart: start, windowEnd: end } = input;
  const conflicts: TConflict[] = [];

  const others = input.items.length
    ? await tx.changeRequest.findMany({
        where: {
          id: input.excludeChangeId ? { not: input.excludeChangeId } : undefined,
          environmentId: input.environmentId,
          status: { in: ["submitted", "approved", "implemented"] },
          windowStart: { lt: end },
          windowEnd: { gt: start },
          items: { some: { OR: input.items.map((i) => ({ kind: i.kind, itemKey: i.itemKey })) } },
        },
        select: { id: true, number: true, title: true, windowStart: true, windowEnd: true, items: true },
        orderBy: { number: "asc" },
      })
    : [];
  for (const o of others) {
    const keys = o.items.filter((oi) => input.items.some((i) => i.kind === oi.kind && i.itemKey === oi.itemKey));
    conflicts.push({
      kind: "change",
      otherChangeId: o.id,
      message: `CHG-${o.number} "${o.title}" also changes ${keys.map((k) => k.itemKey).join(", ")} between ${utc(o.windowStart)} and ${utc(o.windowEnd)}.`,
    });
  }

  const blackouts = await tx.changeWindow.findMany({
    where: { kind: "blackout", isActive: true, OR: [{ environmentId: null }, { environmentId: input.environmentId }] },
  });
  for (const w of blackouts) {
    const hit = occurrencesBetween(w.rrule, w.durationMinutes, start, end)[0];
    if (hit)
      conflicts.push({
        kind: "blackout",
        windowId: w.id,
        message: `The window overlaps the blackout "${w.name}" (${utc(hit.start)} to ${utc(hit.end)}).`,
      });
  }

  if (input.systems.length) {
    const maintenance = await tx.changeWindow.findMany({
      where: {
        kind: "maintenance",
        isActive: true,
        system: { name: { in: input.systems } },
        OR: [{ environmentId: null }, { environmentId: input.environmentId }],
      },
      include: { system: { select: { name: true } } },
    });
    const bySystem = new Map<string, typeof maintenance>();
    for (const w of maintenance) bySystem.set(w.system!.name, [...(bySystem.get(w.system!.name) ?? []), w]);
    for (const [system, windows] of bySystem) {
      if (!windows.some((w) => insideOccurrence(w.rrule, w.durationMinutes, start, end)))
        conflicts.push({
          kind: "maintenance",
          windowId: windows[0].id,
          message: `The window is outside every maintenance window of ${system} (${windows.map((w) => w.name).join(", ")}).`,
        });
    }
  }

  const flowIds = input.items.filter((i) => i.kind === "flow").map((i) => i.itemId);
  if (flowIds.length) {
    const flagged = await tx.flow.findMany({
      where: { id: { in: flowIds }, ...RESIDENCY_FLAGGED },
      select: { name: true, interface: { select: { name: true } } },
    });
    for (const f of flagged)
      conflicts.push({
        kind: "residency",
        message: `Flow "${f.name}" implements ${f.interface?.name ?? "an interface"} whose current decision flags personal data leaving the EU without a legal basis.`,
      });
  }
  return conflicts;
}
