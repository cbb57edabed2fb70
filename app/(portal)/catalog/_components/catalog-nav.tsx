"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils/cn";

const LINKS = [
  { href: "/catalog", label: "Entries", isExact: true },
  { href: "/catalog/reconciliation", label: "Reconciliation" },
  { href: "/catalog/graph", label: "Impact graph" },
  { href: "/catalog/retirements", label: "Retirements" },
  { href: "/catalog/health", label: "Health" },
];

/** The catalog's pages; an entry's page (/catalog/<kind>/<key>) counts as Entries. */
export function CatalogNav() {
  const pathname = usePathname();
  const isOther = LINKS.some((l) => !l.isExact && pathname.startsWith(l.href));
  return (
    <nav aria-label="Catalog" className="mb-6 flex flex-wrap gap-1 border-b border-slate-200">
      {LINKS.map((l) => {
        const isActive = l.isExact ? !isOther : pathname === l.href || pathname.startsWith(`${l.href}/`);
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
