import { Badge, type Tone } from "@/components/ui";

const TONES: Record<string, Tone> = {
  running: "success",
  succeeded: "success",
  ok: "success",
  replayed: "success",
  accepted: "success",
  paused: "warning",
  pending: "warning",
  starting: "info",
  replay_requested: "info",
  filtered: "neutral",
  skipped: "neutral",
  unrouted: "warning",
  stopped: "neutral",
  discarded: "neutral",
  superseded: "neutral",
  failed: "danger",
  refused: "danger",
  dead_lettered: "danger",
};

/** One badge style for deployment, run, step and dead-letter states. */
export function StateBadge({ state, label }: { state: string; label?: string }) {
  return <Badge tone={TONES[state] ?? "neutral"}>{label ?? state.replace(/_/g, " ")}</Badge>;
}
