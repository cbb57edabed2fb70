import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TRetirementStatus } from "@/lib/validation/retirements";
import { listConsumers, storedConsumers, type TRetirementConsumer } from "./consumers";
import { loadSubject, type TRetirementSubject } from "./subject";
import { buildTimeline, quietState, refusalMessage, type TQuietState, type TTimeline } from "./timeline";
import { lastInboundTraffic, type TLastTraffic } from "./traffic";

export type TRetirementDetail = {
  id: string;
  subjectKind: "flow" | "interface";
  subjectId: string;
  subjectName: string;
  subjectLabel: string;
  /** Null when the subject no longer exists. */
  subjectHref: string | null;
  status: TRetirementStatus;
  reason: string;
  replacement: string;
  deprecatedAt: Date;
  sunsetAt: Date;
  quietDays: number;
  createdBy: string;
  retiredAt: Date | null;
  retiredBy: string | null;
  cancelledAt: Date | null;
  waiver: { id: string; number: number; title: string } | null;
  brownouts: { id: string; startsAt: Date; endsAt: Date }[];
  timeline: TTimeline;
  quiet: TQuietState & Omit<TLastTraffic, "at">;
  /** Why retiring would be refused now without a waiver; null when it would be allowed. */
  refusal: string | null;
  /** Today's consumers; `isNew` marks one found after the deprecation (its owner was not told then). */
  consumers: (TRetirementConsumer & { isNew: boolean })[];
  consumersAtDeprecation: number;
  notified: { id: string; name: string; email: string }[];
};

const subjectHref = (s: TRetirementSubject) => (s.kind === "flow" ? `/flows/${s.id}` : `/inventory/interfaces/${s.id}`);

async function subjectOrNull(tx: Tx, kind: "flow" | "interface", id: string) {
  try {
    return await loadSubject(tx, kind, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

/** The retirement's page: its cutover timeline with now on it, the quiet period so far and the consumers. */
export async function getRetirementOrThrow(actor: Actor, id: string, now = new Date()): Promise<TRetirementDetail> {
  assertCan(actor, "catalog:read");
  return transaction(async (tx) => {
    const r = await tx.retirement.findUnique({
      where: { id },
      include: { brownouts: { orderBy: { startsAt: "asc" } } },
    });
    if (!r) throw new AppError("NOT_FOUND", "That retirement does not exist.");
    const kind = r.subjectKind === "interface" ? "interface" : "flow";
    const subject = await subjectOrNull(tx, kind, r.subjectId);
    const stored = storedConsumers(r.consumers);
    const known = new Set(stored.map((c) => `${c.source}:${c.name}`));
    // A retired subject has left the live graph: its consumers are those recorded at deprecation.
    const live = subject && !subject.isRetired ? await listConsumers(tx, subject) : stored;
    const { at, ...traffic } = await lastInboundTraffic(tx, subject?.flowIds ?? [], now);
    const quiet = quietState(at, r.quietDays, now);
    const label = subject?.label ?? `${kind} "${r.subjectName}"`;
    const waiver = r.waiverChangeId
      ? await tx.changeRequest.findUnique({
          where: { id: r.waiverChangeId },
          select: { id: true, number: true, title: true },
        })
      : null;
    const notified = r.notifiedUserIds.length
      ? await tx.user.findMany({
          where: { id: { in: r.notifiedUserIds } },
          select: { id: true, name: true, email: true },
          orderBy: { name: "asc" },
        })
      : [];
    return {
      id: r.id,
      subjectKind: kind,
      subjectId: r.subjectId,
      subjectName: r.subjectName,
      subjectLabel: label,
      subjectHref: subject ? subjectHref(subject) : null,
      status: r.status,
      reason: r.reason,
      replacement: r.replacement,
      deprecatedAt: r.deprecatedAt,
      sunsetAt: r.sunsetAt,
      quietDays: r.quietDays,
      createdBy: r.createdBy,
      retiredAt: r.retiredAt,
      retiredBy: r.retiredBy,
      cancelledAt: r.cancelledAt,
      waiver,
      brownouts: r.brownouts.map((b) => ({ id: b.id, startsAt: b.startsAt, endsAt: b.endsAt })),
      timeline: buildTimeline({ ...r, brownouts: r.brownouts, now }),
      quiet: { ...quiet, ...traffic },
      refusal: r.status === "deprecated" ? refusalMessage(label, quiet, traffic.caller) : null,
      consumers: live.map((c) => ({ ...c, isNew: !known.has(`${c.source}:${c.name}`) })),
      consumersAtDeprecation: stored.length,
      notified,
    };
  });
}
