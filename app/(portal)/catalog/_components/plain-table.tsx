import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

export type TPlainColumn = { label: string; className?: string; isLabelHidden?: boolean };

/** A small read-only table with a caption for screen readers: the catalog's lists of rows. */
export function PlainTable({
  caption,
  columns,
  isHeadSticky = false,
  children,
}: {
  caption: string;
  columns: TPlainColumn[];
  isHeadSticky?: boolean;
  children: ReactNode;
}) {
  return (
    <table className="min-w-full divide-y divide-slate-200 text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead
        className={cn(
          "text-left text-xs font-semibold uppercase tracking-wide text-slate-500",
          isHeadSticky ? "sticky top-0 bg-white" : "bg-slate-50",
        )}
      >
        <tr>
          {columns.map((c) => (
            <th key={c.label} scope="col" className={cn("px-3 py-2", c.className)}>
              {c.isLabelHidden ? <span className="sr-only">{c.label}</span> : c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">{children}</tbody>
    </table>
  );
}
