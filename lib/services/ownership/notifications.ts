import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZNotificationIdInput } from "@/lib/validation/ownership";
import { appendAudit } from "../audit";

export type NotificationRow = {
  id: string;
  kind: string;
  title: string;
  body: string;
  href: string;
  createdAt: string;
  isRead: boolean;
};

export async function listNotifications(actor: Actor, take = 20): Promise<NotificationRow[]> {
  assertCan(actor, "dashboard:read");
  if (!actor.id) return [];
  const rows = await db().notification.findMany({
    where: { userId: actor.id },
    orderBy: [{ readAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    take,
  });
  return rows.map((n) => ({
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    href: n.href,
    createdAt: n.createdAt.toISOString(),
    isRead: Boolean(n.readAt),
  }));
}

export async function unreadNotificationCount(actor: Actor): Promise<number> {
  assertCan(actor, "dashboard:read");
  if (!actor.id) return 0;
  return db().notification.count({ where: { userId: actor.id, readAt: null } });
}

export async function markNotificationRead(actor: Actor, raw: unknown, now = new Date()): Promise<void> {
  assertCan(actor, "dashboard:read");
  const { notificationId } = ZNotificationIdInput.parse(raw);
  await transaction(async (tx) => {
    const n = await tx.notification.findUnique({
      where: { id: notificationId },
      select: { userId: true, readAt: true },
    });
    if (!n || n.userId !== actor.id) throw new AppError("NOT_FOUND", "That notification does not exist.");
    if (n.readAt) return;
    await tx.notification.update({ where: { id: notificationId }, data: { readAt: now } });
    await appendAudit(tx, { actor, action: "notification.read", entityType: "Notification", entityId: notificationId });
  });
}
