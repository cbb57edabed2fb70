import { Badge } from "@/components/ui";
import type { TTimeline, TTimelineEvent } from "@/lib/services/retirements";
import { cn } from "@/lib/utils/cn";
import { formatUtc } from "./status-badge";

const pct = (x: number) => `${Math.min(100, Math.max(0, x * 100)).toFixed(3)}%`;

const MARKER: Record<TTimelineEvent["kind"], string> = {
  deprecated: "bg-amber-500",
  brownout: "bg-red-500",
  sunset: "bg-slate-900",
  retired: "bg-emerald-600",
  cancelled: "bg-indigo-500",
};

const STATE_TONE = { past: "neutral", active: "danger", upcoming: "info" } as const;

/**
 * Deprecation → brownouts → sunset on one axis, with now marked: the bar fills up to now, brownouts are
 * red spans of their real length, each point carries its label. The list below says the same in words.
 */
export function CutoverTimeline({ timeline }: { timeline: TTimeline }) {
  const points = timeline.events.filter((e) => e.kind !== "brownout");
  const brownouts = timeline.events.filter((e) => e.kind === "brownout");
  return (
    <div>
      <div className="relative mx-2 h-24" role="img" aria-label="Cutover timeline" data-testid="cutover-timeline">
        <div className="absolute inset-x-0 top-11 h-1.5 rounded-full bg-slate-200" />
        <div
          className="absolute left-0 top-11 h-1.5 rounded-full bg-indigo-300"
          style={{ width: pct(timeline.nowOffset) }}
        />
        {brownouts.map((b) => (
          <div
            key={b.id}
            title={`${b.label}: ${formatUtc(b.at)} – ${formatUtc(b.endsAt!)}`}
            className={cn("absolute top-9 h-5 rounded-sm", b.state === "active" ? "bg-red-600" : "bg-red-400/80")}
            style={{ left: pct(b.offset), width: `max(${pct(b.width ?? 0)}, 4px)` }}
          />
        ))}
        {points.map((p, i) => (
          <div
            key={`${p.kind}-${i}`}
            className="absolute top-0 flex h-full -translate-x-1/2 flex-col items-center"
            style={{ left: pct(p.offset) }}
          >
            <span className={cn("whitespace-nowrap text-xs font-medium text-slate-700", i % 2 ? "mt-16" : "")}>
              {p.label}
            </span>
            <span
              className={cn("absolute top-10 h-3.5 w-3.5 rounded-full ring-2 ring-white", MARKER[p.kind])}
              aria-hidden
            />
          </div>
        ))}
        <div className="absolute inset-y-0 w-px bg-indigo-700" style={{ left: pct(timeline.nowOffset) }} aria-hidden>
          <span className="absolute bottom-0 left-1 rounded bg-indigo-700 px-1 text-[10px] font-semibold text-white">
            now
          </span>
        </div>
      </div>
      <ol className="mt-4 space-y-1.5 text-sm" aria-label="Timeline events">
        {timeline.events.map((e, i) => (
          <li key={`${e.kind}-${e.id ?? i}`} className="flex flex-wrap items-center gap-2">
            <span className={cn("h-2.5 w-2.5 rounded-full", MARKER[e.kind])} aria-hidden />
            <span className="font-medium text-slate-900">{e.label}</span>
            <span className="text-slate-600">
              {formatUtc(e.at)}
              {e.endsAt ? ` – ${formatUtc(e.endsAt)}` : ""}
            </span>
            <Badge tone={STATE_TONE[e.state]}>{e.state === "active" ? "running now" : e.state}</Badge>
          </li>
        ))}
      </ol>
    </div>
  );
}
