import { Badge, type Tone } from "@/components/ui";
import type { TCatalogLifecycle, TEdgeSource, TNodeKind } from "@/lib/catalog/graph-types";
import { KIND_LABELS } from "@/lib/validation/catalog";

const LIFECYCLE_TONE: Record<TCatalogLifecycle, Tone> = {
  experimental: "info",
  production: "success",
  deprecated: "warning",
  retired: "neutral",
};

export function CatalogLifecycleBadge({ lifecycle }: { lifecycle: TCatalogLifecycle }) {
  return <Badge tone={LIFECYCLE_TONE[lifecycle]}>{lifecycle[0]!.toUpperCase() + lifecycle.slice(1)}</Badge>;
}

export function KindBadge({ kind }: { kind: TNodeKind }) {
  return <Badge>{KIND_LABELS[kind]}</Badge>;
}

export function TierBadge({ tier }: { tier: number }) {
  return <Badge tone={tier === 1 ? "danger" : tier === 2 ? "warning" : "neutral"}>Tier {tier}</Badge>;
}

export function SourceBadges({ sources }: { sources: TEdgeSource[] }) {
  return (
    <span className="inline-flex gap-1">
      {sources.map((s) => (
        <Badge key={s} tone={s === "observed" ? "info" : "neutral"}>
          {s}
        </Badge>
      ))}
    </span>
  );
}
