import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZSystemEndpointsInput } from "@/lib/validation/catalog";
import { appendAudit } from "../audit";

/** Sets the URL prefixes a system serves and the identities it calls with; audited with both lists. */
export async function updateSystemEndpoints(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "catalog:edit");
  assertCan(actor, "inventory:edit");
  const input = ZSystemEndpointsInput.parse(raw);
  await transaction(async (tx) => {
    const before = await tx.system.findUnique({
      where: { id: input.systemId },
      select: { endpoints: true, callerIds: true },
    });
    if (!before) throw new AppError("NOT_FOUND", "That system no longer exists.");
    const same = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);
    if (same(before.endpoints, input.endpoints) && same(before.callerIds, input.callerIds)) return;
    const others = await tx.system.findMany({
      where: { id: { not: input.systemId }, callerIds: { hasSome: input.callerIds } },
      select: { name: true, callerIds: true },
    });
    const clash = others.find((o) => o.callerIds.some((c) => input.callerIds.includes(c)));
    if (clash)
      throw new AppError("CONFLICT", `${clash.name} already declares one of these callers.`, {
        fieldErrors: { callerIds: [`A caller identity belongs to one system; ${clash.name} declares one of these.`] },
      });
    await tx.system.update({
      where: { id: input.systemId },
      data: { endpoints: input.endpoints, callerIds: input.callerIds },
    });
    await appendAudit(tx, {
      actor,
      action: "catalog.system.endpoints",
      entityType: "System",
      entityId: input.systemId,
      before,
      after: { endpoints: input.endpoints, callerIds: input.callerIds },
    });
  });
}
