import Link from "next/link";
import type { TProfileRunRow } from "@/lib/services/quality/profiling/types";
import type { ListResult } from "@/lib/validation/list";
import { formatCount, formatDuration, formatWhen } from "../_lib/present";
import { RunStatusBadge } from "./run-status-badge";

/** A definition's runs, newest first, paged with `?runs=N` (the page's other list keeps `page`). */
export function RunsTable({
  result,
  pageHref,
}: {
  result: ListResult<TProfileRunRow>;
  pageHref: (page: number) => string;
}) {
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  if (!result.total) return <p className="text-sm text-slate-500">No runs yet.</p>;
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" aria-label="Runs">
          <thead className="text-xs text-slate-500 uppercase">
            <tr>
              <th className="py-1 pr-3">Status</th>
              <th className="py-1 pr-3">Trigger</th>
              <th className="py-1 pr-3">Started (UTC)</th>
              <th className="py-1 pr-3">Took</th>
              <th className="py-1 pr-3 text-right">Rows</th>
              <th className="py-1 pr-3 text-right">Anomalies</th>
              <th className="py-1">Window / error</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {result.rows.map((r) => (
              <tr key={r.id}>
                <td className="py-1.5 pr-3">
                  <RunStatusBadge status={r.status} />
                </td>
                <td className="py-1.5 pr-3">{r.trigger === "manual" ? "by hand" : "schedule"}</td>
                <td className="py-1.5 pr-3 whitespace-nowrap">{formatWhen(r.startedAt)}</td>
                <td className="py-1.5 pr-3 whitespace-nowrap">{formatDuration(r.startedAt, r.finishedAt)}</td>
                <td className="py-1.5 pr-3 text-right tabular-nums">{formatCount(r.rowsDone)}</td>
                <td className="py-1.5 pr-3 text-right tabular-nums">{r.anomalies ? formatCount(r.anomalies) : "—"}</td>
                <td className="py-1.5 text-xs text-slate-600">
                  {r.error ? (
                    <span className="text-red-700">{r.error}</span>
                  ) : r.windowStart && r.windowEnd ? (
                    `${formatWhen(r.windowStart)} → ${formatWhen(r.windowEnd)}`
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav aria-label="Runs pages" className="flex items-center gap-3 text-sm">
          {result.page > 1 ? (
            <Link href={pageHref(result.page - 1)} className="text-indigo-700 hover:underline">
              ← Newer
            </Link>
          ) : (
            <span className="text-slate-400">← Newer</span>
          )}
          <span className="text-slate-600">
            Page {result.page} of {pages} · {formatCount(result.total)} runs
          </span>
          {result.page < pages ? (
            <Link href={pageHref(result.page + 1)} className="text-indigo-700 hover:underline">
              Older →
            </Link>
          ) : (
            <span className="text-slate-400">Older →</span>
          )}
        </nav>
      )}
    </div>
  );
}
