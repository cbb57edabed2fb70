import { Badge, type Tone } from "@/components/ui";

const TONES: Record<string, Tone> = {
  draft: "neutral",
  published: "success",
  deprecated: "warning",
  retired: "danger",
  empty: "neutral",
};
const LABELS: Record<string, string> = {
  draft: "Draft",
  published: "Published",
  deprecated: "Deprecated",
  retired: "Retired",
  empty: "No versions",
};

export function ApiLifecycleBadge({ lifecycle }: { lifecycle: string }) {
  return <Badge tone={TONES[lifecycle] ?? "neutral"}>{LABELS[lifecycle] ?? lifecycle}</Badge>;
}
