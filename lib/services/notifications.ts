import "server-only";
import type { Tx } from "@/lib/db";
import type { Role } from "@/lib/db/generated/client";

/** An in-portal notification; every area (changes, retirements, health, APIs) sends them the same way. */
export type TNotice = { kind: string; title: string; body?: string; href: string; dedupeKey?: string };

/** Active users of these roles, minus the excluded ids (the requester, those who voted). */
export async function usersWithRoles(tx: Tx, roles: Role[], exclude: (string | null)[] = []): Promise<string[]> {
  const skip = exclude.filter((x): x is string => Boolean(x));
  const users = await tx.user.findMany({
    where: { role: { in: roles }, isActive: true, id: { notIn: skip } },
    select: { id: true },
  });
  return users.map((u) => u.id);
}

/**
 * One notification per user; with a dedupeKey (suffixed per user) a repeat in the same period is a
 * no-op, which keeps the scheduler's jobs idempotent. Returns how many were created.
 */
export async function notifyUsers(tx: Tx, userIds: string[], notice: TNotice): Promise<number> {
  if (!userIds.length) return 0;
  const res = await tx.notification.createMany({
    data: userIds.map((userId) => ({
      userId,
      kind: notice.kind,
      title: notice.title,
      body: notice.body ?? "",
      href: notice.href,
      dedupeKey: notice.dedupeKey ? `${notice.dedupeKey}:${userId}` : null,
    })),
    skipDuplicates: true,
  });
  return res.count;
}
