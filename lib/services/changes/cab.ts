import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { can } from "@/lib/auth/permissions";
import { db, type Prisma } from "@/lib/db";
import type { ChangeRiskLevel, ChangeWindowKind } from "@/lib/db/generated/client";
import { ZDateRange } from "@/lib/validation/changes";
import { occurrencesBetween } from "./occurrences";
import { changeRowInclude, toChangeRow, type TChangeRow } from "./queries";

const DAY = 86_400_000;
const AWAITING_VOTES: Prisma.ChangeRequestWhereInput = {
  OR: [{ status: "submitted" }, { type: "emergency", status: "implemented", decidedAt: null }],
};

export type TCabHome = {
  /** Waiting for the actor's vote: not requested or implemented by them, not yet voted on. */
  awaitingMyVote: TChangeRow[];
  /** Emergency changes deployed first, still needing their approvals or their post-implementation review. */
  emergencyFollowUp: TChangeRow[];
  /** Submitted or approved changes whose window starts in the next 7 days. */
  upcoming: TChangeRow[];
};

export async function cabHome(actor: Actor, now = new Date()): Promise<TCabHome> {
  assertCan(actor, "change:read");
  const me = actor.id ?? "none";
  const [awaiting, emergency, upcoming] = await Promise.all([
    db().changeRequest.findMany({
      where: {
        AND: [
          AWAITING_VOTES,
          { OR: [{ requestedById: null }, { requestedById: { not: me } }] },
          { OR: [{ implementedById: null }, { implementedById: { not: me } }] },
          { approvals: { none: { userId: me } } },
        ],
      },
      include: changeRowInclude,
      orderBy: [{ windowStart: "asc" }],
      take: 100,
    }),
    db().changeRequest.findMany({
      where: {
        type: "emergency",
        status: { in: ["implemented", "rolled_back"] },
        OR: [{ decidedAt: null }, { pirRequired: true, pirAt: null }],
      },
      include: changeRowInclude,
      orderBy: [{ implementedAt: "asc" }],
      take: 100,
    }),
    db().changeRequest.findMany({
      where: {
        status: { in: ["submitted", "approved"] },
        windowStart: { gte: now, lt: new Date(now.getTime() + 7 * DAY) },
      },
      include: changeRowInclude,
      orderBy: [{ windowStart: "asc" }],
      take: 100,
    }),
  ]);
  const voter = can(actor.role, "change:approve");
  return {
    awaitingMyVote: voter ? awaiting.map(toChangeRow) : [],
    emergencyFollowUp: emergency.map(toChangeRow),
    upcoming: upcoming.map(toChangeRow),
  };
}

export type TAgenda = { from: string; to: string; groups: { level: ChangeRiskLevel; changes: TChangeRow[] }[] };

/** What the CAB meeting discusses: changes awaiting votes whose window overlaps the range, riskiest first. */
export async function agenda(actor: Actor, raw: unknown): Promise<TAgenda> {
  assertCan(actor, "change:read");
  const { from, to } = ZDateRange.parse(raw);
  const rows = await db().changeRequest.findMany({
    where: { AND: [AWAITING_VOTES, { windowStart: { lt: to }, windowEnd: { gt: from } }] },
    include: changeRowInclude,
    orderBy: [{ riskScore: "desc" }, { windowStart: "asc" }],
    take: 500,
  });
  const levels: ChangeRiskLevel[] = ["high", "medium", "low"];
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    groups: levels.map((level) => ({ level, changes: rows.filter((r) => r.riskLevel === level).map(toChangeRow) })),
  };
}

export type TCalendarWindow = {
  windowId: string;
  kind: ChangeWindowKind;
  name: string;
  systemName: string | null;
  environmentKey: string | null;
  start: string;
  end: string;
};
export type TCalendar = { from: string; to: string; changes: TChangeRow[]; windows: TCalendarWindow[] };

/** Changes (not cancelled or rejected) and blackout/maintenance occurrences overlapping the range. */
export async function calendar(actor: Actor, raw: unknown): Promise<TCalendar> {
  assertCan(actor, "change:read");
  const { from, to } = ZDateRange.parse(raw);
  const [changes, windows] = await Promise.all([
    db().changeRequest.findMany({
      where: {
        status: { notIn: ["cancelled", "rejected", "draft"] },
        windowStart: { lt: to },
        windowEnd: { gt: from },
      },
      include: changeRowInclude,
      orderBy: [{ windowStart: "asc" }],
      take: 1000,
    }),
    db().changeWindow.findMany({
      where: { isActive: true },
      include: { system: { select: { name: true } }, environment: { select: { key: true } } },
    }),
  ]);
  const occurrences = windows
    .flatMap((w) =>
      occurrencesBetween(w.rrule, w.durationMinutes, from, to).map((o) => ({
        windowId: w.id,
        kind: w.kind,
        name: w.name,
        systemName: w.system?.name ?? null,
        environmentKey: w.environment?.key ?? null,
        start: o.start.toISOString(),
        end: o.end.toISOString(),
      })),
    )
    .sort((a, b) => a.start.localeCompare(b.start))
    .slice(0, 2000);
  return { from: from.toISOString(), to: to.toISOString(), changes: changes.map(toChangeRow), windows: occurrences };
}
