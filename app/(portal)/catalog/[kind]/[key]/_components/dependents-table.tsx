import Link from "next/link";
import type { TImpactDependent } from "@/lib/services/catalog";
import { KIND_LABELS } from "@/lib/validation/catalog";
import { CatalogLifecycleBadge, SourceBadges, TierBadge } from "../../../_components/badges";
import { PlainTable } from "../../../_components/plain-table";

/** What breaks, transitively, if this entry is down, changed or retired; nearest first. */
export function DependentsTable({ rows }: { rows: TImpactDependent[] }) {
  return (
    <div className="max-h-[32rem] overflow-auto">
      <PlainTable
        caption="Transitive dependents"
        columns={[
          { label: "Depth", className: "text-right" },
          { label: "Entry" },
          { label: "Reached from" },
          { label: "Source" },
          { label: "Lifecycle" },
          { label: "Tier" },
        ]}
        isHeadSticky
      >
        {rows.map((d) => (
          <tr key={d.nodeId}>
            <td className="px-3 py-2 text-right tabular-nums">{d.depth}</td>
            <td className="px-3 py-2">
              <Link
                href={`/catalog/${d.kind}/${encodeURIComponent(d.nodeId.slice(d.kind.length + 1))}`}
                className="font-medium text-indigo-700 hover:underline"
              >
                {d.name}
              </Link>
              <span className="ml-1 text-xs text-slate-500">{KIND_LABELS[d.kind]}</span>
            </td>
            <td className="px-3 py-2 text-slate-600" title={d.through}>
              {d.via}
            </td>
            <td className="px-3 py-2">
              <SourceBadges sources={d.sources} />
            </td>
            <td className="px-3 py-2">
              <CatalogLifecycleBadge lifecycle={d.lifecycle} />
            </td>
            <td className="px-3 py-2">
              <TierBadge tier={d.tier} />
            </td>
          </tr>
        ))}
      </PlainTable>
    </div>
  );
}
