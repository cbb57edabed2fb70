import Link from "next/link";
import type { TChangeRow } from "@/lib/services/changes/queries";
import { ChangeStatusBadge, ChangeTypeBadge, RiskBadge, changeLabel, formatWindow } from "./badges";
import { RiskFactors, type RiskFactorView } from "./risk-factors";

/** One change on the CAB home or agenda: what, where, when, risk (with its top factors), votes. */
export function ChangeCard({
  change,
  factors,
  children,
}: {
  change: TChangeRow;
  factors?: RiskFactorView[];
  children?: React.ReactNode;
}) {
  return (
    <article
      className="rounded-md border border-slate-200 p-4 break-inside-avoid"
      aria-label={`${changeLabel(change.number)} ${change.title}`}
      data-testid={`change-card-${change.number}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Link href={`/changes/${change.id}`} className="font-semibold text-indigo-700 hover:underline">
          {changeLabel(change.number)}
        </Link>
        <span className="font-medium text-slate-900">{change.title}</span>
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <ChangeTypeBadge type={change.type} />
        <ChangeStatusBadge status={change.status} />
        <RiskBadge level={change.riskLevel} score={change.riskScore} />
        <span>{change.environmentName}</span>
        <span>· {formatWindow(change.windowStart, change.windowEnd)}</span>
        <span>· by {change.requestedByName ?? change.requestedByEmail}</span>
        <span>
          · {change.approvals}/{change.requiredApprovals} approvals
        </span>
        {change.conflictCount > 0 && (
          <span className="font-medium text-amber-800" data-testid="conflict-flag">
            · ⚠ {change.conflictCount} conflict{change.conflictCount === 1 ? "" : "s"}
          </span>
        )}
      </div>
      {change.items.length > 0 && (
        <p className="mt-1 text-xs text-slate-500">
          {change.items.map((i) => `${i.kind} ${i.itemKey} v${i.version}`).join(", ")}
        </p>
      )}
      {factors && factors.length > 0 && (
        <div className="mt-3 max-w-xl">
          <RiskFactors factors={factors} limit={3} />
        </div>
      )}
      {children && <div className="mt-3">{children}</div>}
    </article>
  );
}
