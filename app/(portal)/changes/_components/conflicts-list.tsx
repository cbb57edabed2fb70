import Link from "next/link";
import { Badge } from "@/components/ui";

export type ConflictView = { kind: string; message: string; otherChangeId?: string; windowId?: string };

const KIND_LABELS: Record<string, string> = {
  change: "Overlapping change",
  blackout: "Blackout",
  maintenance: "Outside maintenance window",
  residency: "Data residency",
};

/** Conflicts advise the CAB; the engine's gate is what refuses an unapproved version. */
export function ConflictsList({ conflicts }: { conflicts: ConflictView[] }) {
  if (!conflicts.length)
    return (
      <p className="text-sm text-slate-600" data-testid="no-conflicts">
        No conflicts: no overlapping change, blackout or maintenance-window issue.
      </p>
    );
  return (
    <ul className="space-y-2" data-testid="conflicts">
      {conflicts.map((c, i) => (
        <li key={i} className="flex flex-wrap items-start gap-2 text-sm">
          <Badge tone={c.kind === "blackout" || c.kind === "residency" ? "danger" : "warning"}>
            {KIND_LABELS[c.kind] ?? c.kind}
          </Badge>
          <span className="text-slate-800">{c.message}</span>
          {c.otherChangeId && (
            <Link href={`/changes/${c.otherChangeId}`} className="text-indigo-700 hover:underline">
              Open the other change
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}
