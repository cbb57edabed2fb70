import { cn } from "@/lib/utils/cn";

export type RiskFactorView = { key: string; label: string; score: number; weight: number; detail: string };

const barTone = (score: number) => (score >= 65 ? "bg-red-500" : score >= 35 ? "bg-amber-500" : "bg-emerald-500");

/**
 * Each factor of the risk score with its own bar and the evidence behind it, so the CAB sees why a
 * change scores what it does. `limit` shows the top factors (by weighted contribution) only.
 */
export function RiskFactors({ factors, limit }: { factors: RiskFactorView[]; limit?: number }) {
  const totalWeight = factors.reduce((a, f) => a + f.weight, 0) || 1;
  const ordered = limit
    ? [...factors].sort((a, b) => b.score * b.weight - a.score * a.weight).slice(0, limit)
    : factors;
  if (!ordered.length) return <p className="text-sm text-slate-500">No risk factors were recorded.</p>;
  return (
    <ul className="space-y-2" aria-label="Risk factors" data-testid="risk-factors">
      {ordered.map((f) => (
        <li key={f.key} data-testid={`risk-factor-${f.key}`}>
          <div className="flex items-baseline justify-between gap-2 text-sm">
            <span className="font-medium text-slate-800">{f.label}</span>
            <span className="text-xs text-slate-500">
              {f.score}/100 · weight {Math.round((f.weight / totalWeight) * 100)}%
            </span>
          </div>
          <div
            className="mt-1 h-2 w-full rounded-full bg-slate-100"
            role="meter"
            aria-label={`${f.label} score`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={f.score}
          >
            <div className={cn("h-2 rounded-full", barTone(f.score))} style={{ width: `${Math.max(2, f.score)}%` }} />
          </div>
          <p className="mt-0.5 text-xs text-slate-600">{f.detail}</p>
        </li>
      ))}
    </ul>
  );
}
