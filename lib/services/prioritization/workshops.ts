import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { can } from "@/lib/auth/permissions";
import { db, Prisma, transaction, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import { ZCreateWorkshopInput, ZSessionIdInput, ZSubmitScoresInput } from "@/lib/validation/prioritization";
import { appendAudit } from "../audit";
import { roiFor, roiSelect } from "./candidates";
import { assertExisting, userNames } from "./references";
import { aggregateScores, type CandidateAggregate, type CriterionDef } from "./scoring";

export type WorkshopRow = {
  id: string;
  title: string;
  status: "open" | "locked";
  facilitator: string;
  candidateCount: number;
  participantCount: number;
  createdAt: string;
  lockedAt: string | null;
  isFacilitator: boolean;
  isParticipant: boolean;
};

export type SnapshotCandidate = CandidateAggregate & {
  name: string;
  npv: number | null;
  departmentId: string | null;
  effortFte: number;
};
export type WorkshopSnapshot = {
  sessionId: string;
  title: string;
  lockedAt: string;
  criteria: CriterionDef[];
  participants: { id: string; name: string }[];
  scoreCount: number;
  candidates: SnapshotCandidate[];
};

export type LiveView = {
  id: string;
  title: string;
  status: "open" | "locked";
  lockedAt: string | null;
  criteria: CriterionDef[];
  participants: { id: string; name: string; scored: number; expected: number; lastScoredAt: string | null }[];
  candidates: (CandidateAggregate & { name: string })[];
  scoreCount: number;
};

export type ParticipantView = {
  id: string;
  title: string;
  status: "open" | "locked";
  lockedAt: string | null;
  criteria: CriterionDef[];
  candidates: { id: string; name: string; description: string; scores: Record<string, number> }[];
};

const toCriteria = (json: Prisma.JsonValue): CriterionDef[] => json as unknown as CriterionDef[];

export async function listWorkshops(actor: Actor, query: TListQuery): Promise<ListResult<WorkshopRow>> {
  assertCan(actor, "workshop:score");
  const isFacilitator = can(actor.role, "workshop:facilitate");
  // Participants see the sessions they were invited to; facilitators see all.
  const and: Prisma.WorkshopSessionWhereInput[] = isFacilitator
    ? []
    : [{ participants: { some: { userId: actor.id ?? "" } } }];
  if (query.q) and.push({ title: { contains: query.q, mode: "insensitive" } });
  if (query.filters.status === "open" || query.filters.status === "locked") and.push({ status: query.filters.status });
  const where = { AND: and };
  const sort = pickSort(query, ["title", "createdAt", "lockedAt", "status"] as const, "createdAt");
  const [rows, total] = await Promise.all([
    db().workshopSession.findMany({
      where,
      select: {
        id: true,
        title: true,
        status: true,
        facilitatorId: true,
        createdAt: true,
        lockedAt: true,
        participants: { select: { userId: true } },
        _count: { select: { candidates: true } },
      },
      orderBy: { [sort.field]: query.sort ? sort.dir : "desc" },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db().workshopSession.count({ where }),
  ]);
  const users = await userNames(rows.map((r) => r.facilitatorId));
  return {
    rows: rows.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      facilitator: users.get(r.facilitatorId)?.name ?? "(removed user)",
      candidateCount: r._count.candidates,
      participantCount: r.participants.length,
      createdAt: r.createdAt.toISOString(),
      lockedAt: r.lockedAt?.toISOString() ?? null,
      isFacilitator: r.facilitatorId === actor.id,
      isParticipant: r.participants.some((p) => p.userId === actor.id),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Opens a session over the chosen candidates, freezing the active criteria and their weights. */
export async function createWorkshop(actor: Actor, raw: unknown, now = new Date()): Promise<{ id: string }> {
  assertCan(actor, "workshop:facilitate");
  if (!actor.id) throw new AppError("FORBIDDEN", "A workshop needs a signed-in facilitator.");
  const input = ZCreateWorkshopInput.parse(raw);
  return transaction(async (tx) => {
    const candidateIds = [...new Set(input.candidateIds)];
    const participantIds = [...new Set(input.participantIds)];
    const found = await tx.integrationCandidate.count({ where: { id: { in: candidateIds } } });
    if (found !== candidateIds.length)
      throw new AppError("VALIDATION", "Some candidates no longer exist.", {
        fieldErrors: { candidateIds: ["Choose existing candidates."] },
      });
    await assertExisting(tx, "user", participantIds, "participantIds");
    const criteria = await tx.criterion.findMany({
      where: { isActive: true, weight: { gt: 0 } },
      orderBy: [{ position: "asc" }, { key: "asc" }],
    });
    if (criteria.length === 0)
      throw new AppError(
        "PRECONDITION_FAILED",
        "There are no active criteria with a weight; configure criteria first.",
      );
    const frozen: CriterionDef[] = criteria.map((c) => ({
      key: c.key,
      label: c.label,
      weight: c.weight,
      isInverted: c.isInverted,
    }));
    const session = await tx.workshopSession.create({
      data: {
        title: input.title,
        facilitatorId: actor.id!,
        criteria: frozen as unknown as Prisma.InputJsonValue,
        createdAt: now,
        candidates: { create: candidateIds.map((candidateId) => ({ candidateId })) },
        participants: { create: participantIds.map((userId) => ({ userId })) },
      },
      select: { id: true },
    });
    await appendAudit(tx, {
      actor,
      action: "workshop.create",
      entityType: "WorkshopSession",
      entityId: session.id,
      after: {
        title: input.title,
        candidateIds: candidateIds.join(","),
        participantIds: participantIds.join(","),
        criteria: frozen.map((c) => `${c.key}:${c.weight}`).join(","),
      },
    });
    for (const userId of participantIds) {
      await tx.notification.create({
        data: {
          userId,
          kind: "workshop_invite",
          title: `You are invited to score "${input.title}"`,
          body: `${candidateIds.length} candidate(s) to score.`,
          href: `/workshops/${session.id}`,
        },
      });
    }
    return session;
  });
}

async function loadSession(client: Tx | ReturnType<typeof db>, sessionId: string) {
  const s = await client.workshopSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      title: true,
      status: true,
      facilitatorId: true,
      criteria: true,
      lockedAt: true,
      snapshot: true,
      participants: { select: { userId: true, lastScoredAt: true } },
      candidates: { select: { candidate: { select: { id: true, name: true, description: true } } } },
    },
  });
  if (!s) throw new AppError("NOT_FOUND", "That workshop session does not exist.");
  return s;
}

/** The participant's own scores only: participants score blind to each other. */
export async function getParticipantView(actor: Actor, sessionId: string): Promise<ParticipantView> {
  assertCan(actor, "workshop:score");
  const s = await loadSession(db(), sessionId);
  if (!s.participants.some((p) => p.userId === actor.id))
    throw new AppError("FORBIDDEN", "You are not a participant in this session; ask the facilitator to invite you.");
  const own = await db().workshopScore.findMany({
    where: { sessionId, participantId: actor.id! },
    select: { candidateId: true, criterionKey: true, value: true },
  });
  return {
    id: s.id,
    title: s.title,
    status: s.status,
    lockedAt: s.lockedAt?.toISOString() ?? null,
    criteria: toCriteria(s.criteria),
    candidates: s.candidates
      .map((c) => c.candidate)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((c) => ({
        ...c,
        scores: Object.fromEntries(own.filter((o) => o.candidateId === c.id).map((o) => [o.criterionKey, o.value])),
      })),
  };
}

/**
 * Records one participant's scores for one candidate. Each (session, participant, candidate,
 * criterion) is upserted atomically, so a duplicate or repeated submission replaces rather than
 * adds. The session row is share-locked, so a submission racing the lock either lands before the
 * snapshot or is rejected; never after it.
 */
export async function submitScores(actor: Actor, raw: unknown, now = new Date()): Promise<{ saved: number }> {
  assertCan(actor, "workshop:score");
  const input = ZSubmitScoresInput.parse(raw);
  return transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ status: string; lockedAt: Date | null }[]>`
      SELECT status::text AS status, "lockedAt" FROM "WorkshopSession" WHERE id = ${input.sessionId} FOR SHARE`;
    if (locked.length === 0) throw new AppError("NOT_FOUND", "That workshop session does not exist.");
    if (locked[0].status === "locked") {
      throw new AppError(
        "CONFLICT",
        `This session was locked on ${locked[0].lockedAt?.toISOString().slice(0, 16).replace("T", " ")} UTC; scores can no longer be changed.`,
      );
    }
    const s = await loadSession(tx, input.sessionId);
    if (!s.participants.some((p) => p.userId === actor.id))
      throw new AppError("FORBIDDEN", "You are not a participant in this session; ask the facilitator to invite you.");
    if (!s.candidates.some((c) => c.candidate.id === input.candidateId))
      throw new AppError("VALIDATION", "That candidate is not part of this session.");
    const keys = new Set(toCriteria(s.criteria).map((c) => c.key));
    const unknown = Object.keys(input.scores).filter((k) => !keys.has(k));
    if (unknown.length) throw new AppError("VALIDATION", `Unknown criteria for this session: ${unknown.join(", ")}.`);
    for (const [criterionKey, value] of Object.entries(input.scores)) {
      await tx.$executeRaw`
        INSERT INTO "WorkshopScore" (id, "sessionId", "participantId", "candidateId", "criterionKey", value, "updatedAt")
        VALUES (gen_random_uuid()::text, ${input.sessionId}, ${actor.id}, ${input.candidateId}, ${criterionKey}, ${value}, ${now})
        ON CONFLICT ("sessionId", "participantId", "candidateId", "criterionKey")
        DO UPDATE SET value = EXCLUDED.value, "updatedAt" = EXCLUDED."updatedAt"`;
    }
    await tx.workshopParticipant.update({
      where: { sessionId_userId: { sessionId: input.sessionId, userId: actor.id! } },
      data: { lastScoredAt: now },
    });
    await appendAudit(tx, {
      actor,
      action: "workshop.score",
      entityType: "WorkshopSession",
      entityId: input.sessionId,
      after: { candidateId: input.candidateId, ...input.scores },
    });
    return { saved: Object.keys(input.scores).length };
  });
}

function assertFacilitates(actor: Actor, facilitatorId: string): void {
  assertCan(actor, "workshop:facilitate");
  if (actor.id !== facilitatorId && actor.role !== "admin") {
    throw new AppError("FORBIDDEN", "Only this session's facilitator (or an admin) can see the live results.");
  }
}

async function aggregateSession(client: Tx | ReturnType<typeof db>, s: Awaited<ReturnType<typeof loadSession>>) {
  const criteria = toCriteria(s.criteria);
  const scores = await client.workshopScore.findMany({
    where: { sessionId: s.id },
    select: { participantId: true, candidateId: true, criterionKey: true, value: true },
  });
  const candidateIds = s.candidates.map((c) => c.candidate.id);
  const aggregates = aggregateScores(candidateIds, criteria, scores);
  return { criteria, scores, aggregates };
}

/** Facilitator's live view: aggregate, spread and disagreement, plus who has scored how much. */
export async function getLiveView(actor: Actor, sessionId: string): Promise<LiveView> {
  const s = await loadSession(db(), sessionId);
  assertFacilitates(actor, s.facilitatorId);
  const { criteria, scores, aggregates } = await aggregateSession(db(), s);
  const names = await userNames(s.participants.map((p) => p.userId));
  const nameOf = new Map(s.candidates.map((c) => [c.candidate.id, c.candidate.name]));
  const expected = criteria.length * s.candidates.length;
  return {
    id: s.id,
    title: s.title,
    status: s.status,
    lockedAt: s.lockedAt?.toISOString() ?? null,
    criteria,
    participants: s.participants
      .map((p) => ({
        id: p.userId,
        name: names.get(p.userId)?.name ?? "(removed user)",
        scored: scores.filter((x) => x.participantId === p.userId).length,
        expected,
        lastScoredAt: p.lastScoredAt?.toISOString() ?? null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    candidates: aggregates
      .map((a) => ({ ...a, name: nameOf.get(a.candidateId) ?? a.candidateId }))
      .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.name.localeCompare(b.name)),
    scoreCount: scores.length,
  };
}

/** Locks the session and stores the dated snapshot the matrix and waves read. */
export async function lockWorkshop(actor: Actor, raw: unknown, now = new Date()): Promise<WorkshopSnapshot> {
  const { sessionId } = ZSessionIdInput.parse(raw);
  return transaction(async (tx) => {
    // Waits for in-flight submissions (FOR SHARE) to commit, then blocks new ones.
    await tx.$queryRaw`SELECT id FROM "WorkshopSession" WHERE id = ${sessionId} FOR UPDATE`;
    const s = await loadSession(tx, sessionId);
    assertFacilitates(actor, s.facilitatorId);
    if (s.status === "locked") throw new AppError("CONFLICT", "This session is already locked.");
    const { criteria, scores, aggregates } = await aggregateSession(tx, s);
    if (scores.length === 0)
      throw new AppError("PRECONDITION_FAILED", "No scores yet; lock the session after participants have scored.");
    const candidateRecords = await tx.integrationCandidate.findMany({
      where: { id: { in: s.candidates.map((c) => c.candidate.id) } },
      select: { ...roiSelect, name: true, departmentId: true, effortFte: true },
    });
    const rois = await roiFor(candidateRecords);
    const byId = new Map(candidateRecords.map((c) => [c.id, c]));
    const names = await userNames(s.participants.map((p) => p.userId));
    const snapshot: WorkshopSnapshot = {
      sessionId,
      title: s.title,
      lockedAt: now.toISOString(),
      criteria,
      participants: s.participants.map((p) => ({ id: p.userId, name: names.get(p.userId)?.name ?? "(removed user)" })),
      scoreCount: scores.length,
      candidates: aggregates.map((a) => {
        const c = byId.get(a.candidateId)!;
        return {
          ...a,
          name: c.name,
          npv: rois.get(c.id)?.roi.npv.value ?? null,
          departmentId: c.departmentId,
          effortFte: c.effortFte,
        };
      }),
    };
    await tx.workshopSession.update({
      where: { id: sessionId },
      data: { status: "locked", lockedAt: now, snapshot: snapshot as unknown as Prisma.InputJsonValue },
    });
    await appendAudit(tx, {
      actor,
      action: "workshop.lock",
      entityType: "WorkshopSession",
      entityId: sessionId,
      after: { lockedAt: now.toISOString(), scoreCount: scores.length },
    });
    return snapshot;
  });
}

export async function getSessionMeta(
  actor: Actor,
  sessionId: string,
): Promise<{
  id: string;
  title: string;
  status: "open" | "locked";
  isFacilitator: boolean;
  isParticipant: boolean;
  lockedAt: string | null;
}> {
  assertCan(actor, "workshop:score");
  const s = await db().workshopSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      title: true,
      status: true,
      facilitatorId: true,
      lockedAt: true,
      participants: { select: { userId: true } },
    },
  });
  if (!s) throw new AppError("NOT_FOUND", "That workshop session does not exist.");
  return {
    id: s.id,
    title: s.title,
    status: s.status,
    lockedAt: s.lockedAt?.toISOString() ?? null,
    isFacilitator: can(actor.role, "workshop:facilitate") && (s.facilitatorId === actor.id || actor.role === "admin"),
    isParticipant: s.participants.some((p) => p.userId === actor.id),
  };
}

/** The most recently locked session's snapshot: what the matrix and the waves show. */
export async function latestSnapshot(actor: Actor): Promise<WorkshopSnapshot | null> {
  assertCan(actor, "candidate:read");
  const s = await db().workshopSession.findFirst({
    where: { status: "locked", snapshot: { not: Prisma.AnyNull } },
    orderBy: { lockedAt: "desc" },
    select: { snapshot: true },
  });
  return s ? (s.snapshot as unknown as WorkshopSnapshot) : null;
}

export async function participantOptions(actor: Actor): Promise<{ id: string; name: string; role: string }[]> {
  assertCan(actor, "workshop:facilitate");
  const users = await db().user.findMany({
    where: { isActive: true },
    select: { id: true, name: true, role: true },
    orderBy: { name: "asc" },
  });
  return users.filter((u) => can(u.role, "workshop:score"));
}
