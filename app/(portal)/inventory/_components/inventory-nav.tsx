"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils/cn";

const LINKS = [
  { href: "/inventory/processes", label: "Processes" },
  { href: "/inventory/systems", label: "Systems" },
  { href: "/inventory/interfaces", label: "Interfaces" },
  { href: "/inventory/graph", label: "Dependency graph" },
  { href: "/inventory/import", label: "Import / export" },
];

export function InventoryNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Inventory" className="mb-6 flex flex-wrap gap-1 border-b border-slate-200">
      {LINKS.map((l) => {
        const isActive = pathname === l.href || pathname.startsWith(`${l.href}/`);
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
