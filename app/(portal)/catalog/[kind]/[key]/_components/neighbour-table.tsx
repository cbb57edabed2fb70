import Link from "next/link";
import type { TEdgeRow } from "@/lib/services/catalog";
import { KIND_LABELS } from "@/lib/validation/catalog";
import { formatCount, formatSeen } from "../../../_lib/format";
import { PlainTable } from "../../../_components/plain-table";

/** Direct neighbours of an entry from one source; observed rows add when and how much. */
export function NeighbourTable({
  rows,
  caption,
  isObserved,
}: {
  rows: TEdgeRow[];
  caption: string;
  isObserved: boolean;
}) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">None.</p>;
  return (
    <PlainTable
      caption={caption}
      columns={[
        { label: "Entry" },
        { label: "How" },
        ...(isObserved ? [{ label: "Messages", className: "text-right" }, { label: "Last seen" }] : []),
      ]}
    >
      {rows.map((r) => (
        <tr key={r.nodeId}>
          <td className="px-3 py-2">
            <Link
              href={`/catalog/${r.kind}/${encodeURIComponent(r.nodeId.slice(r.kind.length + 1))}`}
              className="font-medium text-indigo-700 hover:underline"
            >
              {r.name}
            </Link>
            <span className="ml-1 text-xs text-slate-500">{KIND_LABELS[r.kind]}</span>
          </td>
          <td className="px-3 py-2 text-slate-600">{r.via}</td>
          {isObserved && <td className="px-3 py-2 text-right">{formatCount(r.messages)}</td>}
          {isObserved && <td className="px-3 py-2 whitespace-nowrap">{formatSeen(r.lastSeenAt)}</td>}
        </tr>
      ))}
    </PlainTable>
  );
}
