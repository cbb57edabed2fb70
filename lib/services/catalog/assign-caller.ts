import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZAssignCallerInput } from "@/lib/validation/catalog";
import { appendAudit } from "../audit";

/**
 * "Assign to system": an observed caller identity joins the system's callerIds, so its calls count as
 * that system's dependency. Refused when another system already declares it (compared ignoring case).
 */
export async function assignCallerToSystem(
  actor: Actor,
  raw: unknown,
): Promise<{ systemId: string; systemName: string }> {
  assertCan(actor, "catalog:edit");
  assertCan(actor, "inventory:edit");
  const { caller, systemId } = ZAssignCallerInput.parse(raw);
  return transaction(async (tx) => {
    const system = await tx.system.findUnique({
      where: { id: systemId },
      select: { id: true, name: true, callerIds: true },
    });
    if (!system)
      throw new AppError("VALIDATION", "That system no longer exists.", {
        fieldErrors: { systemId: ["Choose a system."] },
      });
    const owners = await tx.$queryRaw<{ name: string }[]>`
      SELECT name FROM "System" WHERE id <> ${systemId}
         AND EXISTS (SELECT 1 FROM unnest("callerIds") c WHERE lower(c) = lower(${caller}))`;
    if (owners.length)
      throw new AppError("CONFLICT", `${owners[0]!.name} already declares the caller “${caller}”.`, {
        fieldErrors: { systemId: [`Already declared by ${owners[0]!.name}.`] },
      });
    if (system.callerIds.some((c) => c.toLowerCase() === caller.toLowerCase()))
      return { systemId: system.id, systemName: system.name };
    const callerIds = [...system.callerIds, caller];
    await tx.system.update({ where: { id: systemId }, data: { callerIds } });
    await appendAudit(tx, {
      actor,
      action: "catalog.caller.assign",
      entityType: "System",
      entityId: systemId,
      before: { callerIds: system.callerIds },
      after: { callerIds },
    });
    return { systemId: system.id, systemName: system.name };
  });
}
