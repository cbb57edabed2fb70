import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { SEVERITIES, type TSeverity } from "@/lib/validation/inventory";
import { appendAudit, type AuditWriter } from "../audit";

/** Finds a department by name (any case) or creates it, so forms and imports can name new ones. */
export async function ensureDepartment(
  tx: Tx,
  actor: Actor,
  name: string,
  audit: AuditWriter = appendAudit,
): Promise<{ id: string; name: string }> {
  const found = await tx.department.findFirst({
    where: { name: { equals: name, mode: "insensitive" } },
    select: { id: true, name: true },
  });
  if (found) return found;
  const created = await tx.department.create({ data: { name }, select: { id: true, name: true } });
  await audit(tx, {
    actor,
    action: "inventory.department.create",
    entityType: "Department",
    entityId: created.id,
    after: { name: created.name },
  });
  return created;
}

/** An owner email must belong to an active user; a blank email means "no account owner". */
export async function resolveOwner(tx: Tx, email: string): Promise<string | null> {
  if (!email) return null;
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, isActive: true } });
  if (!user || !user.isActive) {
    throw new AppError("VALIDATION", "The owner email does not match an active user.", {
      fieldErrors: {
        ownerEmail: [`No active user has the email ${email}. Leave it empty and use the owner name instead.`],
      },
    });
  }
  return user.id;
}

export function worstSeverity(severities: readonly TSeverity[]): TSeverity | null {
  let worst = -1;
  for (const s of severities) worst = Math.max(worst, SEVERITIES.indexOf(s));
  return worst < 0 ? null : SEVERITIES[worst];
}
