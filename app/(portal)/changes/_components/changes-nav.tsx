import Link from "next/link";
import { cn } from "@/lib/utils/cn";

const LINKS = [
  { href: "/changes", label: "Home" },
  { href: "/changes/all", label: "All changes" },
  { href: "/changes/agenda", label: "Agenda" },
  { href: "/changes/calendar", label: "Calendar" },
  { href: "/changes/settings", label: "Settings", manage: true },
];

/** The CAB's sub-navigation; Settings shows for change managers. */
export function ChangesNav({ current, canManage }: { current: string; canManage: boolean }) {
  return (
    <nav aria-label="Changes" className="mb-6 flex flex-wrap gap-1 border-b border-slate-200 print:hidden">
      {LINKS.filter((l) => !l.manage || canManage).map((l) => (
        <Link
          key={l.href}
          href={l.href}
          aria-current={current === l.href ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            current === l.href
              ? "border-indigo-600 text-indigo-700"
              : "border-transparent text-slate-600 hover:text-slate-900",
          )}
        >
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
