import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { optionalSession, signInUrl } from "@/lib/session";
import { areasFor, can, ROLE_LABELS } from "@/lib/auth/permissions";
import { unreadNotificationCount } from "@/lib/services/ownership/notifications";
import { TopNav } from "./_components/top-nav";
import { UserMenu } from "./_components/user-menu";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await optionalSession();
  if (!actor) redirect(await signInUrl());
  const areas = areasFor(actor.role).map(({ href, label }) => ({ href, label }));
  const unread = can(actor.role, "ownership:read") ? await unreadNotificationCount(actor) : 0;
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="relative bg-slate-900">
        <div className="mx-auto flex min-h-14 max-w-7xl items-center gap-4 px-4 py-1.5">
          <Link href="/" className="text-sm font-bold uppercase tracking-widest text-white">
            Switchboard
          </Link>
          <TopNav areas={areas} />
          {unread > 0 && (
            <Link
              href="/ownership#notifications"
              className="rounded-full bg-amber-400 px-2 py-0.5 text-xs font-semibold text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-white"
              aria-label={`${unread} unread notification${unread === 1 ? "" : "s"}`}
            >
              {unread}
            </Link>
          )}
          <UserMenu name={actor.name} email={actor.email} roleLabel={ROLE_LABELS[actor.role]} />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
