import { Badge, type Tone } from "@/components/ui";

const RISK_TONES: Record<string, Tone> = { low: "success", medium: "warning", high: "danger" };
const STATUS_TONES: Record<string, Tone> = {
  draft: "neutral",
  submitted: "info",
  approved: "success",
  rejected: "danger",
  implemented: "success",
  rolled_back: "warning",
  closed: "neutral",
  cancelled: "neutral",
};
const TYPE_TONES: Record<string, Tone> = { standard: "neutral", normal: "info", emergency: "danger" };

export const changeLabel = (number: number) => `CHG-${number}`;

export function RiskBadge({ level, score }: { level: string; score?: number }) {
  return (
    <span data-testid="risk-badge" className="whitespace-nowrap">
      <Badge tone={RISK_TONES[level] ?? "neutral"}>
        {level} risk{score === undefined ? "" : ` · ${score}`}
      </Badge>
    </span>
  );
}

export function ChangeStatusBadge({ status }: { status: string }) {
  return (
    <span data-testid="change-status">
      <Badge tone={STATUS_TONES[status] ?? "neutral"}>{status.replace(/_/g, " ")}</Badge>
    </span>
  );
}

export function ChangeTypeBadge({ type }: { type: string }) {
  return <Badge tone={TYPE_TONES[type] ?? "neutral"}>{type}</Badge>;
}

/** "2 Dec 14:00 – 16:00 UTC": windows are shown in UTC, the time zone blackout rules are written in. */
export function formatWindow(start: string | Date, end: string | Date): string {
  const s = new Date(start);
  const e = new Date(end);
  const day = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
  const time = (d: Date) => d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
  const sameDay = s.toISOString().slice(0, 10) === e.toISOString().slice(0, 10);
  return sameDay ? `${day(s)} ${time(s)} – ${time(e)} UTC` : `${day(s)} ${time(s)} – ${day(e)} ${time(e)} UTC`;
}

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return "—";
  return new Date(value).toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  });
}
