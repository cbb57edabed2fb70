import { Badge, type Tone } from "@/components/ui";
import type { TQuarantineStatus } from "@/lib/services/quality/quarantine/schema";

const LOOK: Record<TQuarantineStatus, { tone: Tone; label: string }> = {
  pending: { tone: "warning", label: "pending" },
  resubmit_requested: { tone: "info", label: "resubmit requested" },
  resubmitted: { tone: "success", label: "resubmitted" },
  rejected: { tone: "neutral", label: "rejected" },
};

export function QuarantineStatusBadge({ status }: { status: TQuarantineStatus }) {
  return <Badge tone={LOOK[status].tone}>{LOOK[status].label}</Badge>;
}
