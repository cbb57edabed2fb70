/** "15 Jun 2026", in UTC like the rest of the portal's dates. */
export function formatDay(value: string | Date | null | undefined): string {
  if (!value) return "—";
  return new Date(value).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** Whole days from `now` to `value`: negative when it lies in the past. */
export function daysFrom(value: string | Date, now: Date): number {
  return Math.round((new Date(value).getTime() - now.getTime()) / 86_400_000);
}

/** "due in 3 days", "due today", "4 days overdue". */
export function dueLabel(value: string, now: Date): string {
  const d = daysFrom(value, now);
  if (d === 0) return new Date(value).getTime() < now.getTime() ? "due today, now overdue" : "due today";
  if (d > 0) return `due in ${d} day${d === 1 ? "" : "s"}`;
  return `${-d} day${d === -1 ? "" : "s"} overdue`;
}

export const scoreTone = (score: number | null) =>
  score === null ? "neutral" : score >= 80 ? "success" : score >= 60 ? "warning" : "danger";
