import type { ReactNode } from "react";

export type TPlainColumn = { label: string; className?: string };

/** A small read-only table with a caption for screen readers. */
export function PlainTable({
  caption,
  columns,
  children,
}: {
  caption: string;
  columns: TPlainColumn[];
  children: ReactNode;
}) {
  return (
    <table className="min-w-full divide-y divide-slate-200 text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
        <tr>
          {columns.map((c) => (
            <th key={c.label} scope="col" className={`px-3 py-2 ${c.className ?? ""}`}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">{children}</tbody>
    </table>
  );
}
