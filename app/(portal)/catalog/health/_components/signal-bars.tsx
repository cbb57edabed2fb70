import type { TSignal } from "@/lib/services/signals";
import { cn } from "@/lib/utils/cn";

const barTone = (score: number) => (score >= 80 ? "bg-emerald-500" : score >= 60 ? "bg-amber-500" : "bg-red-500");
const TREND: Record<string, { symbol: string; label: string; tone: string }> = {
  improving: { symbol: "↘", label: "improving", tone: "text-emerald-700" },
  worsening: { symbol: "↗", label: "worsening", tone: "text-red-700" },
  steady: { symbol: "→", label: "steady", tone: "text-slate-500" },
};

function formatValue(s: TSignal): string {
  if (s.value === null) return "no data";
  const n = s.value.toLocaleString("en-US");
  return s.unit === "%" ? `${n}%` : `${n} ${s.unit}`;
}

/**
 * Each signal as a bar of its 0–100 score (100 healthy), with the measured value, its trend, its share
 * of the weight and the evidence. A signal without data is shown greyed: it does not count.
 */
export function SignalBars({ signals }: { signals: TSignal[] }) {
  const totalWeight = signals.filter((s) => s.value !== null).reduce((a, s) => a + s.weight, 0) || 1;
  if (!signals.length) return <p className="text-sm text-slate-500">No signals could be read for this flow.</p>;
  return (
    <ul className="space-y-3" aria-label="Signals" data-testid="signals">
      {signals.map((s) => {
        const trend = s.trend ? TREND[s.trend] : null;
        const isMeasured = s.value !== null;
        return (
          <li key={s.key} data-testid={`signal-${s.key}`} className={cn(!isMeasured && "opacity-60")}>
            <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
              <span className="font-medium text-slate-800">
                {s.label} <span className="font-normal text-slate-600">· {formatValue(s)}</span>
                {trend && (
                  <span className={cn("ml-1.5 text-xs", trend.tone)} title={`Trend: ${trend.label}`}>
                    {trend.symbol} {trend.label}
                  </span>
                )}
              </span>
              <span className="text-xs text-slate-500">
                {s.score}/100 · {isMeasured ? `weight ${Math.round((s.weight / totalWeight) * 100)}%` : "not counted"}
              </span>
            </div>
            <div
              className="mt-1 h-2 w-full rounded-full bg-slate-100"
              role="meter"
              aria-label={`${s.label} score`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={s.score}
            >
              <div className={cn("h-2 rounded-full", barTone(s.score))} style={{ width: `${Math.max(2, s.score)}%` }} />
            </div>
            <p className="mt-0.5 text-xs text-slate-600">{s.detail}</p>
          </li>
        );
      })}
    </ul>
  );
}
