// The cutover timeline and the quiet-period rule of a retirement. Pure, so the page, the service's
// refusal and the unit tests share one reading of "quiet for N days".

export const DAY_MS = 86_400_000;

export type TQuietState = {
  /** The last inbound call seen (any environment), or null when none was ever observed. */
  lastTrafficAt: Date | null;
  /** Whole days without traffic so far; null when there never was any. */
  daysQuiet: number | null;
  requiredDays: number;
  isQuiet: boolean;
  /** When the quiet period completes if nothing calls again; null when it already has. */
  quietFrom: Date | null;
};

export function quietState(lastTrafficAt: Date | null, requiredDays: number, now: Date): TQuietState {
  if (!lastTrafficAt) return { lastTrafficAt, daysQuiet: null, requiredDays, isQuiet: true, quietFrom: null };
  const quietMs = Math.max(0, now.getTime() - lastTrafficAt.getTime());
  const isQuiet = quietMs >= requiredDays * DAY_MS;
  return {
    lastTrafficAt,
    daysQuiet: Math.floor(quietMs / DAY_MS),
    requiredDays,
    isQuiet,
    quietFrom: isQuiet ? null : new Date(lastTrafficAt.getTime() + requiredDays * DAY_MS),
  };
}

/** "2026-03-01 09:00 UTC", as the notices and refusals print a time. */
export const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

/**
 * Why retiring is refused, naming who called last, when, and until when it stays refused; null when
 * the quiet period is over. `caller` is the consumer of the most recent call ("" when only the
 * metrics saw it).
 */
export function refusalMessage(subject: string, quiet: TQuietState, caller: string): string | null {
  if (quiet.isQuiet || !quiet.lastTrafficAt || !quiet.quietFrom) return null;
  const who = caller ? `${caller} called it` : "it handled traffic";
  return (
    `Retiring ${subject} is refused: ${who} at ${utc(quiet.lastTrafficAt)}, ${days(quiet.daysQuiet ?? 0)} ago. ` +
    `Retirement needs ${days(quiet.requiredDays)} without traffic, so it is refused until ${utc(quiet.quietFrom)} ` +
    `if nothing calls again, or retire it now with a waiver: an approved production change that binds it.`
  );
}

export type TTimelineEventKind = "deprecated" | "brownout" | "sunset" | "retired" | "cancelled";
export type TTimelineState = "past" | "active" | "upcoming";

export type TTimelineEvent = {
  kind: TTimelineEventKind;
  /** The brownout's id, for removing it. */
  id?: string;
  label: string;
  at: Date;
  endsAt?: Date;
  state: TTimelineState;
  /** Position along the axis, 0–1; a brownout's width is its share of the axis. */
  offset: number;
  width?: number;
};

export type TTimeline = {
  start: Date;
  end: Date;
  now: Date;
  nowOffset: number;
  events: TTimelineEvent[];
  /** deprecated → in_brownout (a window is running) → past_sunset, or the terminal retired / cancelled. */
  phase: "deprecated" | "in_brownout" | "past_sunset" | "retired" | "cancelled";
  /** The next brownout or the sunset still ahead of now. */
  next: TTimelineEvent | null;
};

export type TTimelineInput = {
  status: "deprecated" | "retired" | "cancelled";
  deprecatedAt: Date;
  sunsetAt: Date;
  retiredAt: Date | null;
  cancelledAt: Date | null;
  brownouts: { id: string; startsAt: Date; endsAt: Date }[];
  now: Date;
};

const stateOf = (from: Date, to: Date, now: Date): TTimelineState =>
  now.getTime() >= to.getTime() ? "past" : now.getTime() >= from.getTime() ? "active" : "upcoming";

/** Deprecation → each brownout → sunset (→ retired or cancelled), with now placed on the same axis. */
export function buildTimeline(input: TTimelineInput): TTimeline {
  const { now, deprecatedAt, sunsetAt } = input;
  const brownouts = [...input.brownouts].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const closedAt = input.retiredAt ?? input.cancelledAt;
  const startMs = Math.min(deprecatedAt.getTime(), now.getTime());
  const lastMs = Math.max(
    sunsetAt.getTime(),
    now.getTime(),
    closedAt?.getTime() ?? 0,
    ...brownouts.map((b) => b.endsAt.getTime()),
  );
  // A little room after the last point, so the sunset marker is not drawn on the edge.
  const endMs = lastMs + Math.max((lastMs - startMs) * 0.04, 60_000);
  const span = endMs - startMs;
  const offset = (d: Date) => (d.getTime() - startMs) / span;
  const point = (kind: TTimelineEventKind, label: string, at: Date): TTimelineEvent => ({
    kind,
    label,
    at,
    state: stateOf(at, at, now),
    offset: offset(at),
  });
  const events: TTimelineEvent[] = [point("deprecated", "Deprecated", deprecatedAt)];
  brownouts.forEach((b, i) =>
    events.push({
      kind: "brownout",
      id: b.id,
      label: `Brownout ${i + 1}`,
      at: b.startsAt,
      endsAt: b.endsAt,
      state: stateOf(b.startsAt, b.endsAt, now),
      offset: offset(b.startsAt),
      width: (b.endsAt.getTime() - b.startsAt.getTime()) / span,
    }),
  );
  events.push(point("sunset", "Sunset", sunsetAt));
  if (input.retiredAt) events.push(point("retired", "Retired", input.retiredAt));
  if (input.cancelledAt) events.push(point("cancelled", "Cancelled", input.cancelledAt));
  events.sort((a, b) => a.at.getTime() - b.at.getTime());

  const isBrownoutRunning = events.some((e) => e.kind === "brownout" && e.state === "active");
  const phase =
    input.status === "retired"
      ? "retired"
      : input.status === "cancelled"
        ? "cancelled"
        : isBrownoutRunning
          ? "in_brownout"
          : now.getTime() >= sunsetAt.getTime()
            ? "past_sunset"
            : "deprecated";
  const next =
    input.status === "deprecated"
      ? (events.find((e) => (e.kind === "brownout" || e.kind === "sunset") && e.state === "upcoming") ?? null)
      : null;
  return { start: new Date(startMs), end: new Date(endMs), now, nowOffset: offset(now), events, phase, next };
}
