import Link from "next/link";
import type { TEdgeRow } from "@/lib/services/catalog";
import { KIND_LABELS } from "@/lib/validation/catalog";
import { formatCount, formatSeen } from "../../../_lib/format";

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
    <table className="min-w-full divide-y divide-slate-200 text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
        <tr>
          <th scope="col" className="py-1.5 pr-3">
            Entry
          </th>
          <th scope="col" className="py-1.5 pr-3">
            How
          </th>
          {isObserved && (
            <th scope="col" className="py-1.5 pr-3 text-right">
              Messages
            </th>
          )}
          {isObserved && (
            <th scope="col" className="py-1.5">
              Last seen
            </th>
          )}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.nodeId}>
            <td className="py-1.5 pr-3">
              <Link
                href={`/catalog/${r.kind}/${encodeURIComponent(r.nodeId.slice(r.kind.length + 1))}`}
                className="font-medium text-indigo-700 hover:underline"
              >
                {r.name}
              </Link>
              <span className="ml-1 text-xs text-slate-500">{KIND_LABELS[r.kind]}</span>
            </td>
            <td className="py-1.5 pr-3 text-slate-600">{r.via}</td>
            {isObserved && <td className="py-1.5 pr-3 text-right">{formatCount(r.messages)}</td>}
            {isObserved && <td className="py-1.5 whitespace-nowrap">{formatSeen(r.lastSeenAt)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
