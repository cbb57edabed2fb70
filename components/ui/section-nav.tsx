"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils/cn";

/** isExact: active only when no other link matches (an area's index, whose detail pages belong to it). */
export type TSectionLink = { href: string; label: string; isExact?: boolean };

/** An area's sub-navigation as tabs; the current page's link carries aria-current. */
export function SectionNav({ label, links }: { label: string; links: readonly TSectionLink[] }) {
  const pathname = usePathname();
  const isUnder = (href: string) => pathname === href || pathname.startsWith(`${href}/`);
  const isOther = links.some((l) => !l.isExact && isUnder(l.href));
  return (
    <nav aria-label={label} className="mb-6 flex flex-wrap gap-1 border-b border-slate-200">
      {links.map((l) => {
        const isActive = l.isExact ? !isOther : isUnder(l.href);
        return (
          <Link
            key={l.href}
            href={l.href}
            aria-current={isActive ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500",
              isActive ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}
