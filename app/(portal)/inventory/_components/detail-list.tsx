import type { ReactNode } from "react";

/** A two-column definition list for record detail pages. */
export function DetailList({ items }: { items: { term: string; value: ReactNode }[] }) {
  return (
    <dl className="grid grid-cols-3 gap-x-4 gap-y-2 text-sm">
      {items.map((i) => (
        <div key={i.term} className="contents">
          <dt className="text-slate-500">{i.term}</dt>
          <dd className="col-span-2 text-slate-900">{i.value}</dd>
        </div>
      ))}
    </dl>
  );
}
