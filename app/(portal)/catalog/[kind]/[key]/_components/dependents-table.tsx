import Link from "next/link";
import type { TImpactDependent } from "@/lib/services/catalog";
import { KIND_LABELS } from "@/lib/validation/catalog";
import { CatalogLifecycleBadge, SourceBadges, TierBadge } from "../../../_components/badges";

/** What breaks, transitively, if this entry is down, changed or retired; nearest first. */
export function DependentsTable({ rows }: { rows: TImpactDependent[] }) {
  return (
    <div className="max-h-[32rem] overflow-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Transitive dependents</caption>
        <thead className="sticky top-0 bg-white text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-1.5 pr-3 text-right">
              Depth
            </th>
            <th scope="col" className="py-1.5 pr-3">
              Entry
            </th>
            <th scope="col" className="py-1.5 pr-3">
              Reached from
            </th>
            <th scope="col" className="py-1.5 pr-3">
              Source
            </th>
            <th scope="col" className="py-1.5 pr-3">
              Lifecycle
            </th>
            <th scope="col" className="py-1.5">
              Tier
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((d) => (
            <tr key={d.nodeId}>
              <td className="py-1.5 pr-3 text-right tabular-nums">{d.depth}</td>
              <td className="py-1.5 pr-3">
                <Link
                  href={`/catalog/${d.kind}/${encodeURIComponent(d.nodeId.slice(d.kind.length + 1))}`}
                  className="font-medium text-indigo-700 hover:underline"
                >
                  {d.name}
                </Link>
                <span className="ml-1 text-xs text-slate-500">{KIND_LABELS[d.kind]}</span>
              </td>
              <td className="py-1.5 pr-3 text-slate-600" title={d.through}>
                {d.via}
              </td>
              <td className="py-1.5 pr-3">
                <SourceBadges sources={d.sources} />
              </td>
              <td className="py-1.5 pr-3">
                <CatalogLifecycleBadge lifecycle={d.lifecycle} />
              </td>
              <td className="py-1.5">
                <TierBadge tier={d.tier} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
