import { Badge } from "@/components/ui";
import { scoreTone } from "../_lib/format";

export function AssessmentStatusBadge({ status, isOverdue }: { status: "due" | "completed"; isOverdue: boolean }) {
  if (status === "completed") return <Badge tone="success">completed</Badge>;
  return isOverdue ? <Badge tone="danger">overdue</Badge> : <Badge tone="info">due</Badge>;
}

export function ScoreBadge({ score }: { score: number | null }) {
  if (score === null) return <span className="text-slate-400">—</span>;
  return <Badge tone={scoreTone(score)}>{score}/100</Badge>;
}

/** "+6" or "−4" against the previous score; nothing when there was none. */
export function ScoreDelta({ score, previous }: { score: number | null; previous: number | null }) {
  if (score === null || previous === null) return null;
  const d = score - previous;
  const tone = d > 0 ? "text-emerald-700" : d < 0 ? "text-red-700" : "text-slate-500";
  return (
    <span className={`text-xs font-medium ${tone}`} title={`Previous score ${previous}`}>
      {d > 0 ? `+${d}` : d < 0 ? `−${-d}` : "±0"}
    </span>
  );
}
