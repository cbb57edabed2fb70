import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db";
import { usersWithRoles } from "../notifications";
import type { TRetirementConsumer } from "./consumers";
import { subjectOwnerIds, type TRetirementSubject } from "./subject";

export type TRecipient = { id: string; name: string; email: string };
export type TRecipients = {
  users: TRecipient[];
  /** Nobody owns the subject or a consumer: the engineers and admins are told instead. */
  isFallback: boolean;
};

/**
 * Who hears of a deprecation: the owners of the consumers' catalog entries and of the subject's flows
 * (active accounts only). When nobody owns any of them, the integration engineers and admins do. The
 * actor, who knows already, is left out.
 */
export async function retirementRecipients(
  tx: Tx,
  actor: Actor,
  subject: TRetirementSubject,
  consumers: TRetirementConsumer[],
): Promise<TRecipients> {
  const ownerIds = [
    ...new Set([...consumers.map((c) => c.ownerId), ...(await subjectOwnerIds(tx, subject))].filter(Boolean)),
  ] as string[];
  const owners = ownerIds.length
    ? await tx.user.findMany({ where: { id: { in: ownerIds }, isActive: true }, select: { id: true } })
    : [];
  const isFallback = owners.length === 0;
  const ids = isFallback
    ? await usersWithRoles(tx, ["integration_engineer", "admin"], [actor.id])
    : owners.map((o) => o.id).filter((id) => id !== actor.id);
  const users = ids.length
    ? await tx.user.findMany({
        where: { id: { in: ids } },
        select: { id: true, name: true, email: true },
        orderBy: { name: "asc" },
      })
    : [];
  return { users, isFallback };
}
