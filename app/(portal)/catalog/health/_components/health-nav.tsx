import Link from "next/link";
import { cn } from "@/lib/utils/cn";

type TNavLink = { href: string; label: string; count?: number; isCurrent: boolean };

/** The assessments' views (open, overdue, completed, all, with counts) and the action items. */
export function HealthNav({ links }: { links: TNavLink[] }) {
  return (
    <nav aria-label="Health assessments" className="mb-6 flex flex-wrap gap-1 border-b border-slate-200">
      {links.map((l) => (
        <Link
          key={l.href}
          href={l.href}
          aria-current={l.isCurrent ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            l.isCurrent
              ? "border-indigo-600 text-indigo-700"
              : "border-transparent text-slate-600 hover:text-slate-900",
          )}
        >
          {l.label}
          {l.count !== undefined && (
            <span className="ml-1.5 rounded-full bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{l.count}</span>
          )}
        </Link>
      ))}
    </nav>
  );
}
