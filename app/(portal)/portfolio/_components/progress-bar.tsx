/** A payback bar: it stops at 100 % while the label keeps the real (uncapped) figure. */
export function ProgressBar({ percent, label }: { percent: number | null; label: string }) {
  const width = Math.max(0, Math.min(100, percent ?? 0));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(width)}
      aria-valuetext={percent === null ? "no build cost" : `${percent} % of the build cost`}
      className="h-2 w-full min-w-16 overflow-hidden rounded-full bg-slate-100"
    >
      <div className={width >= 100 ? "h-full bg-emerald-500" : "h-full bg-indigo-500"} style={{ width: `${width}%` }} />
    </div>
  );
}
