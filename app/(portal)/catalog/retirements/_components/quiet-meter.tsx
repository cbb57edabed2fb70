import type { TRetirementDetail } from "@/lib/services/retirements";
import { cn } from "@/lib/utils/cn";
import { formatUtc } from "./status-badge";

/** Days without inbound traffic so far against the days the retirement requires. */
export function QuietMeter({ quiet }: { quiet: TRetirementDetail["quiet"] }) {
  const share = quiet.daysQuiet === null ? 1 : Math.min(1, quiet.daysQuiet / quiet.requiredDays);
  return (
    <div className="space-y-2" data-testid="quiet-meter">
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium text-slate-900">
          {quiet.daysQuiet === null
            ? "No inbound traffic ever observed"
            : `${quiet.daysQuiet} of ${quiet.requiredDays} days without traffic`}
        </span>
        <span className={cn("text-xs font-medium", quiet.isQuiet ? "text-emerald-700" : "text-amber-700")}>
          {quiet.isQuiet ? "quiet period complete" : "still called"}
        </span>
      </div>
      <div
        className="h-2 rounded-full bg-slate-200"
        role="progressbar"
        aria-label="Quiet period"
        aria-valuemin={0}
        aria-valuemax={quiet.requiredDays}
        aria-valuenow={quiet.daysQuiet ?? quiet.requiredDays}
      >
        <div
          className={cn("h-2 rounded-full", quiet.isQuiet ? "bg-emerald-500" : "bg-amber-500")}
          style={{ width: `${(share * 100).toFixed(1)}%` }}
        />
      </div>
      {quiet.lastTrafficAt && (
        <p className="text-xs text-slate-600">
          Last call {formatUtc(quiet.lastTrafficAt)}
          {quiet.caller ? ` from ${quiet.caller}` : " (seen in the metrics)"}
          {quiet.environmentKey ? ` in ${quiet.environmentKey}` : ""}
          {quiet.quietFrom ? `; quiet enough from ${formatUtc(quiet.quietFrom)} if nothing calls again.` : "."}
        </p>
      )}
    </div>
  );
}
