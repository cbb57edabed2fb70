import Link from "next/link";
import type { TReconciliationView } from "@/lib/services/catalog";
import { formatSeen } from "../../_lib/format";
import { PlainTable } from "../../_components/plain-table";

/** Declared interfaces with no traffic for the window, each with its retirement (opened or to open). */
export function DeadTable({ rows, canRetire }: { rows: TReconciliationView["possiblyDead"]; canRetire: boolean }) {
  return (
    <div className="overflow-x-auto">
      <PlainTable
        caption="Possibly dead interfaces"
        columns={[
          { label: "Interface" },
          { label: "Systems" },
          { label: "Implemented by" },
          { label: "Last traffic" },
          { label: "Quiet for", className: "text-right" },
          { label: "Action", isLabelHidden: true },
        ]}
      >
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
      </PlainTable>
    </div>
  );
}
