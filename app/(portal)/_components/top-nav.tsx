"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { cn } from "@/lib/utils/cn";

export type NavArea = { href: string; label: string };

function isActive(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function TopNav({ areas }: { areas: NavArea[] }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const links = areas.map((a) => (
    <Link
      key={a.href}
      href={a.href}
      aria-current={isActive(pathname, a.href) ? "page" : undefined}
      onClick={() => setOpen(false)}
      className={cn(
        "rounded-md px-2 py-1.5 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400",
        isActive(pathname, a.href) ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800 hover:text-white",
      )}
    >
      {a.label}
    </Link>
  ));
  return (
    <nav aria-label="Main" className="flex-1">
      <div className="hidden flex-wrap gap-0.5 md:flex">{links}</div>
      <div className="md:hidden">
        <button
          type="button"
          aria-expanded={open}
          aria-controls="mobile-nav"
          onClick={() => setOpen((o) => !o)}
          className="rounded-md px-3 py-2 text-sm font-medium text-slate-200 hover:bg-slate-800"
        >
          Menu
        </button>
        {open && (
          <div
            id="mobile-nav"
            className="absolute left-0 right-0 top-14 z-20 flex flex-col gap-1 bg-slate-900 p-3 shadow-lg"
          >
            {links}
          </div>
        )}
      </div>
    </nav>
  );
}
