import { Badge, type Tone } from "@/components/ui";

const TONES: Record<string, Tone> = { deprecated: "warning", retired: "neutral", cancelled: "info" };

export function RetirementStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONES[status] ?? "neutral"}>{status}</Badge>;
}

/** "2026-03-01 09:00 UTC": the pages show times in UTC, as the forms take them. */
export const formatUtc = (d: Date | string) => `${new Date(d).toISOString().slice(0, 16).replace("T", " ")} UTC`;

export const formatDay = (d: Date | string) => new Date(d).toISOString().slice(0, 10);
