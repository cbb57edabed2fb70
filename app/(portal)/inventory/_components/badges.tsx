import { Badge, type Tone } from "@/components/ui";
import { label } from "@/lib/validation/inventory";

const SEVERITY_TONE: Record<string, Tone> = { low: "neutral", medium: "info", high: "warning", critical: "danger" };
const CRITICALITY_TONE: Record<string, Tone> = {
  low: "neutral",
  medium: "info",
  high: "warning",
  mission_critical: "danger",
};
const LIFECYCLE_TONE: Record<string, Tone> = {
  plan: "neutral",
  phase_in: "info",
  active: "success",
  phase_out: "warning",
  end_of_life: "danger",
};

export function SeverityBadge({ severity }: { severity: string | null }) {
  if (!severity) return <span className="text-slate-400">None</span>;
  return <Badge tone={SEVERITY_TONE[severity]}>{label(severity)}</Badge>;
}

export function CriticalityBadge({ criticality }: { criticality: string }) {
  return <Badge tone={CRITICALITY_TONE[criticality]}>{label(criticality)}</Badge>;
}

export function LifecycleBadge({ lifecycle }: { lifecycle: string }) {
  return <Badge tone={LIFECYCLE_TONE[lifecycle]}>{label(lifecycle)}</Badge>;
}
