import Link from "next/link";
import { Card } from "@/components/ui";
import type { TReconciliationView } from "@/lib/services/catalog";

const FLAGS = [
  {
    key: "undocumented",
    label: "Undocumented dependencies",
    hint: "observed paths the inventory lacks",
    anchor: "undocumented",
  },
  { key: "possiblyDead", label: "Possibly dead interfaces", hint: "declared, no traffic", anchor: "possibly-dead" },
  { key: "unidentifiedCallers", label: "Unidentified callers", hint: "no system declares them", anchor: "callers" },
] as const;

/** Counts of the reconciliation's flags, each linking to its section. */
export function ReconciliationPanel({ counts, deadAfterDays }: Pick<TReconciliationView, "counts" | "deadAfterDays">) {
  const total = counts.undocumented + counts.possiblyDead + counts.unidentifiedCallers;
  return (
    <Card
      title="Reconciliation"
      description={
        total
          ? "Where the inventory and the engine's traffic disagree."
          : "The inventory and the observed traffic agree: nothing to reconcile."
      }
      className="mb-6"
    >
      <ul className="grid gap-3 sm:grid-cols-3" aria-label="Reconciliation flags">
        {FLAGS.map((f) => (
          <li key={f.key}>
            <Link
              href={`/catalog/reconciliation#${f.anchor}`}
              className="block rounded-md border border-slate-200 p-3 hover:border-indigo-300 hover:bg-indigo-50/40"
            >
              <span className={`text-2xl font-semibold ${counts[f.key] ? "text-amber-700" : "text-slate-900"}`}>
                {counts[f.key]}
              </span>
              <span className="ml-2 text-sm font-medium text-slate-800">{f.label}</span>
              <span className="block text-xs text-slate-500">
                {f.key === "possiblyDead" ? `${f.hint} for ${deadAfterDays} days` : f.hint}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
