import Link from "next/link";
import type { TReconciliationView } from "@/lib/services/catalog";
import { formatSeen } from "../../_lib/format";

/** Declared interfaces with no traffic for the window, each with its retirement (opened or to open). */
export function DeadTable({ rows, canRetire }: { rows: TReconciliationView["possiblyDead"]; canRetire: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Possibly dead interfaces</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">
              Interface
            </th>
            <th scope="col" className="px-3 py-2">
              Systems
            </th>
            <th scope="col" className="px-3 py-2">
              Implemented by
            </th>
            <th scope="col" className="px-3 py-2">
              Last traffic
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Quiet for
            </th>
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Action</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.interfaceId}>
              <td className="px-3 py-2">
                <Link
                  href={`/inventory/interfaces/${r.interfaceId}`}
                  className="font-medium text-indigo-700 hover:underline"
                >
                  {r.name}
                </Link>
              </td>
              <td className="px-3 py-2">
                {r.source.name} → {r.target.name}
              </td>
              <td className="px-3 py-2">
                {r.flows.length === 0
                  ? "No flow (seen in traffic before)"
                  : r.flows.map((f, i) => (
                      <span key={f.id}>
                        {i > 0 && ", "}
                        <Link href={`/catalog/flow/${f.id}`} className="text-indigo-700 hover:underline">
                          {f.name}
                        </Link>
                      </span>
                    ))}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{r.lastSeenAt ? formatSeen(r.lastSeenAt) : "Never"}</td>
              <td className="px-3 py-2 text-right">{r.quietDays} days</td>
              <td className="px-3 py-2 text-right whitespace-nowrap">
                {r.retirementId ? (
                  <Link href={`/catalog/retirements/${r.retirementId}`} className="text-indigo-700 hover:underline">
                    Retirement in progress
                  </Link>
                ) : (
                  canRetire && (
                    <Link
                      href={`/catalog/retirements/new?kind=interface&id=${encodeURIComponent(r.interfaceId)}`}
                      className="font-medium text-indigo-700 hover:underline"
                    >
                      Open retirement
                    </Link>
                  )
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
