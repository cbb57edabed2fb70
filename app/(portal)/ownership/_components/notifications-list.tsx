"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Badge, Button } from "@/components/ui";
import type { NotificationRow } from "@/lib/services/ownership/notifications";
import { markNotificationReadAction } from "../actions";

export function NotificationsList({ items }: { items: NotificationRow[] }) {
  const [pending, start] = useTransition();
  const router = useRouter();
  if (items.length === 0) return <p className="text-sm text-slate-500">No notifications.</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="notifications">
      {items.map((n) => (
        <li key={n.id} className="flex items-start justify-between gap-3 py-2 text-sm">
          <span>
            {!n.isRead && (
              <span className="mr-2">
                <Badge tone="info">New</Badge>
              </span>
            )}
            {n.href ? (
              <Link href={n.href} className="font-medium text-slate-900 hover:underline">
                {n.title}
              </Link>
            ) : (
              <span className="font-medium text-slate-900">{n.title}</span>
            )}
            {n.body && <span className="block text-slate-500">{n.body}</span>}
            <span className="block text-xs text-slate-400">{new Date(n.createdAt).toLocaleString()}</span>
          </span>
          {!n.isRead && (
            <Button
              size="sm"
              variant="ghost"
              disabled={pending}
              onClick={() =>
                start(async () => {
                  await markNotificationReadAction({ notificationId: n.id });
                  router.refresh();
                })
              }
            >
              Mark read
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}
