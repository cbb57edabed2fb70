import Link from "next/link";
import type { RunRow } from "@/lib/services/runs";
import { StateBadge } from "./state-badge";

/** A compact list of runs, each linking to its message journey. */
export function RunsList({ runs }: { runs: RunRow[] }) {
  if (!runs.length) return <p className="text-sm text-slate-500">No messages yet.</p>;
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="py-2">Started</th>
          <th>Message</th>
          <th>Env</th>
          <th>Status</th>
          <th>Duration</th>
          <th>Error</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {runs.map((r) => (
          <tr key={r.id}>
            <td className="py-2 text-slate-600">{new Date(r.startedAt).toLocaleTimeString()}</td>
            <td>
              <Link href={`/flows/runs/${r.id}`} className="font-mono text-xs text-indigo-700 hover:underline">
                {r.messageId.slice(0, 18)}
              </Link>
            </td>
            <td>
              {r.environmentKey} v{r.version}
            </td>
            <td>
              <StateBadge state={r.status} />
            </td>
            <td>{r.durationMs == null ? "—" : `${r.durationMs} ms`}</td>
            <td className="max-w-xs truncate text-xs text-red-600" title={r.error ?? undefined}>
              {r.error ?? ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
