import Link from "next/link";
import { applyListPatch, buildListHref } from "@/components/data-table";
import { cn } from "@/lib/utils/cn";
import type { TAlertStatus } from "@/lib/validation/alerts";

const TABS: { status: TAlertStatus; label: string }[] = [
  { status: "open", label: "Open" },
  { status: "acknowledged", label: "Acknowledged" },
  { status: "resolved", label: "Resolved" },
];

/** The inbox's status tabs: links that keep the search and other filters and go back to page 1. */
export function AlertStatusTabs({
  current,
  counts,
  search,
}: {
  current: TAlertStatus;
  counts: Record<TAlertStatus, number>;
  /** The page's current query string. */
  search: string;
}) {
  return (
    <nav aria-label="Alert status" className="mb-4 flex flex-wrap gap-1 border-b border-slate-200">
      {TABS.map((t) => (
        <Link
          key={t.status}
          href={buildListHref("/flows/alerts", applyListPatch(search, { filters: { status: t.status } }))}
          aria-current={current === t.status ? "page" : undefined}
          className={cn(
            "-mb-px inline-flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500",
            current === t.status
              ? "border-indigo-600 text-indigo-700"
              : "border-transparent text-slate-600 hover:text-slate-900",
          )}
        >
          {t.label}
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
            {counts[t.status].toLocaleString("en-US")}
          </span>
        </Link>
      ))}
    </nav>
  );
}
