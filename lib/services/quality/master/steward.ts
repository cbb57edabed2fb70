import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction, type Prisma, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TFieldScore } from "@/lib/quality/master/match";
import { REVIEW_STATUSES, ZReviewItemId, ZUndoHistory, ZUnmerge } from "@/lib/quality/master/inputs";
import type { TMasterConfig } from "@/lib/quality/master/config";
import { mergeGolden, unmergeRecords } from "@/lib/quality/master/store";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import { appendAudit } from "../../audit";
import { toSourceView, type TSourceRecordView } from "./golden";
import { entityConfigByIdOrThrow, prismaSql } from "./sql";

export type TReviewRow = {
  id: string;
  entityKey: string;
  entityName: string;
  status: (typeof REVIEW_STATUSES)[number];
  score: number;
  sourceRecord: { id: string; system: string; sourceId: string; goldenId: string; label: string };
  candidateGoldenId: string;
  candidateLabel: string;
  createdAt: string;
  resolvedBy: string | null;
};

export type TReviewDetail = TReviewRow & {
  attributeNames: string[];
  fieldScores: TFieldScore[];
  matchThreshold: number;
  reviewThreshold: number;
  source: TSourceRecordView;
  candidate: { id: string; status: string; attributes: Record<string, unknown>; sources: TSourceRecordView[] };
};

const labelOf = (attributes: unknown) => {
  const a = (attributes ?? {}) as Record<string, unknown>;
  return String(a.name ?? a.title ?? Object.values(a).find((v) => typeof v === "string") ?? "—");
};

/** The steward queue: filter by entity and status (open by default), search over the records' values. */
export async function findReviewItems(actor: Actor, query: TListQuery): Promise<ListResult<TReviewRow>> {
  assertCan(actor, "quality:read");
  const status = REVIEW_STATUSES.find((s) => s === query.filters.status) ?? "open";
  const entities = await db().masterEntity.findMany({ select: { id: true, key: true, name: true } });
  const entityId = query.filters.entity
    ? (entities.find((e) => e.key === query.filters.entity)?.id ?? "none")
    : undefined;
  let sourceIds: string[] | undefined;
  if (query.q) {
    const hits = await db().$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "MasterSourceRecord" WHERE "attributes"::text ILIKE ${`%${query.q}%`} OR "sourceId" ILIKE ${`%${query.q}%`} LIMIT 1000`;
    sourceIds = hits.map((h) => h.id);
  }
  const where: Prisma.MasterReviewItemWhereInput = {
    status,
    ...(entityId ? { entityId } : {}),
    ...(sourceIds ? { sourceRecordId: { in: sourceIds } } : {}),
  };
  const [total, items] = await Promise.all([
    db().masterReviewItem.count({ where }),
    db().masterReviewItem.findMany({
      where,
      orderBy: [{ score: query.dir === "asc" && query.sort === "score" ? "asc" : "desc" }, { createdAt: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  const [sources, candidates] = await Promise.all([
    db().masterSourceRecord.findMany({ where: { id: { in: items.map((i) => i.sourceRecordId) } } }),
    db().masterGoldenRecord.findMany({ where: { id: { in: items.map((i) => i.candidateGoldenId) } } }),
  ]);
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    rows: items.map((i) => {
      const s = sources.find((x) => x.id === i.sourceRecordId);
      const entity = entities.find((e) => e.id === i.entityId);
      return {
        id: i.id,
        entityKey: entity?.key ?? "",
        entityName: entity?.name ?? "",
        status: i.status,
        score: i.score,
        sourceRecord: {
          id: i.sourceRecordId,
          system: s?.system ?? "",
          sourceId: s?.sourceId ?? "",
          goldenId: s?.goldenId ?? "",
          label: labelOf(s?.attributes),
        },
        candidateGoldenId: i.candidateGoldenId,
        candidateLabel: labelOf(candidates.find((c) => c.id === i.candidateGoldenId)?.attributes),
        createdAt: i.createdAt.toISOString(),
        resolvedBy: i.resolvedBy,
      };
    }),
  };
}

export async function getReviewItemOrThrow(actor: Actor, reviewItemId: string): Promise<TReviewDetail> {
  assertCan(actor, "quality:read");
  const item = await db().masterReviewItem.findUnique({ where: { id: reviewItemId } });
  if (!item) throw new AppError("NOT_FOUND", "That review item does not exist.");
  const [entity, source, candidate, candidateSources] = await Promise.all([
    db().masterEntity.findUnique({
      where: { id: item.entityId },
      include: { versions: { orderBy: { version: "desc" }, take: 1 } },
    }),
    db().masterSourceRecord.findUnique({ where: { id: item.sourceRecordId } }),
    db().masterGoldenRecord.findUnique({ where: { id: item.candidateGoldenId } }),
    db().masterSourceRecord.findMany({
      where: { goldenId: item.candidateGoldenId },
      orderBy: [{ system: "asc" }, { sourceId: "asc" }],
    }),
  ]);
  if (!entity || !source || !candidate) throw new AppError("NOT_FOUND", "That review item's records no longer exist.");
  const config = entity.versions[0].config as TMasterConfig;
  return {
    id: item.id,
    entityKey: entity.key,
    entityName: entity.name,
    status: item.status,
    score: item.score,
    sourceRecord: {
      id: source.id,
      system: source.system,
      sourceId: source.sourceId,
      goldenId: source.goldenId,
      label: labelOf(source.attributes),
    },
    candidateGoldenId: candidate.id,
    candidateLabel: labelOf(candidate.attributes),
    createdAt: item.createdAt.toISOString(),
    resolvedBy: item.resolvedBy,
    attributeNames: config.attributes.map((a) => a.name),
    fieldScores: item.fieldScores as TFieldScore[],
    matchThreshold: config.matchThreshold,
    reviewThreshold: config.reviewThreshold,
    source: toSourceView(source),
    candidate: {
      id: candidate.id,
      status: candidate.status,
      attributes: candidate.attributes as Record<string, unknown>,
      sources: candidateSources.map(toSourceView),
    },
  };
}

async function openItemOrThrow(tx: Tx, reviewItemId: string) {
  const [item] = await tx.$queryRaw<
    { id: string }[]
  >`SELECT "id" FROM "MasterReviewItem" WHERE "id" = ${reviewItemId} FOR UPDATE`;
  const found = item ? await tx.masterReviewItem.findUnique({ where: { id: reviewItemId } }) : null;
  if (!found) throw new AppError("NOT_FOUND", "That review item does not exist.");
  if (found.status !== "open") throw new AppError("CONFLICT", `This pair was ${found.status} already.`);
  return found;
}

/**
 * Merge: the source record's golden record (with every record on it) joins the candidate; both are
 * recomputed in this transaction and their changes go to the outbox. Undo it from the history (unmerge).
 */
export async function mergeReviewItem(actor: Actor, raw: unknown): Promise<{ goldenId: string }> {
  assertCan(actor, "quality:steward");
  const { reviewItemId } = ZReviewItemId.parse(raw);
  return transaction(async (tx) => {
    const item = await openItemOrThrow(tx, reviewItemId);
    const entity = await entityConfigByIdOrThrow(tx, item.entityId);
    const source = await tx.masterSourceRecord.findUnique({ where: { id: item.sourceRecordId } });
    const into = await tx.masterGoldenRecord.findUnique({ where: { id: item.candidateGoldenId } });
    if (!source || !into) throw new AppError("NOT_FOUND", "That review item's records no longer exist.");
    if (into.status !== "active")
      throw new AppError(
        "CONFLICT",
        "The candidate golden record was merged or retired since; this pair is out of date. Mark it not a match.",
      );
    if (source.goldenId === into.id)
      throw new AppError("CONFLICT", "These records are on the same golden record already.");
    const fromGoldenId = source.goldenId;
    const result = await mergeGolden(prismaSql(tx), entity, fromGoldenId, into.id, actor.email);
    await tx.masterReviewItem.update({
      where: { id: item.id },
      data: { status: "merged", resolvedBy: actor.email, resolvedAt: new Date() },
    });
    const details = {
      reviewItemId: item.id,
      fromGoldenId,
      intoGoldenId: into.id,
      moved: result.moved,
      score: item.score,
    };
    await tx.masterHistory.create({
      data: {
        entityId: item.entityId,
        goldenId: into.id,
        action: "merge",
        actorId: actor.id,
        actorEmail: actor.email,
        details,
      },
    });
    await appendAudit(tx, {
      actor,
      action: "quality.master.merge",
      entityType: "MasterGoldenRecord",
      entityId: into.id,
      before: { fromGoldenId, intoGoldenId: into.id },
      after: { moved: result.moved, version: result.into.version },
    });
    return { goldenId: into.id };
  });
}

/** Not a match: the pair is closed and never proposed again for this source record. Reversible (reopen). */
export async function rejectReviewItem(actor: Actor, raw: unknown): Promise<{ id: string }> {
  assertCan(actor, "quality:steward");
  const { reviewItemId } = ZReviewItemId.parse(raw);
  return transaction(async (tx) => {
    const item = await openItemOrThrow(tx, reviewItemId);
    await tx.masterReviewItem.update({
      where: { id: item.id },
      data: { status: "rejected", resolvedBy: actor.email, resolvedAt: new Date() },
    });
    await tx.masterHistory.create({
      data: {
        entityId: item.entityId,
        goldenId: item.candidateGoldenId,
        action: "reject",
        actorId: actor.id,
        actorEmail: actor.email,
        details: { reviewItemId: item.id, sourceRecordId: item.sourceRecordId, score: item.score },
      },
    });
    await appendAudit(tx, {
      actor,
      action: "quality.master.reject",
      entityType: "MasterReviewItem",
      entityId: item.id,
      before: { status: "open" },
      after: { status: "rejected" },
    });
    return { id: item.id };
  });
}

/**
 * Unmerge: the chosen source records leave the golden record, each back to its own golden record
 * (the one it created, reactivated, or a new one); everything affected is recomputed here and goes to the outbox.
 */
export async function unmergeSourceRecords(
  actor: Actor,
  raw: unknown,
  undoOf?: string,
): Promise<{ restored: { sourceRecordId: string; goldenId: string }[] }> {
  assertCan(actor, "quality:steward");
  const input = ZUnmerge.parse(raw);
  return transaction(async (tx) => {
    const golden = await tx.masterGoldenRecord.findUnique({ where: { id: input.goldenId } });
    if (!golden) throw new AppError("NOT_FOUND", "That golden record does not exist.");
    const entity = await entityConfigByIdOrThrow(tx, golden.entityId);
    const count = await tx.masterSourceRecord.count({ where: { goldenId: golden.id } });
    if (count < 2) throw new AppError("BAD_REQUEST", "A golden record with one source record has nothing to unmerge.");
    const result = await unmergeRecords(prismaSql(tx), entity, golden.id, input.sourceRecordIds, actor.email);
    if (!result.restored.length)
      throw new AppError("CONFLICT", "None of those source records is on this golden record any more.");
    const history = await tx.masterHistory.create({
      data: {
        entityId: golden.entityId,
        goldenId: golden.id,
        action: "unmerge",
        actorId: actor.id,
        actorEmail: actor.email,
        details: { restored: result.restored, ...(undoOf ? { undoOf } : {}) },
      },
    });
    if (undoOf) await tx.masterHistory.update({ where: { id: undoOf }, data: { undoneBy: history.id } });
    await appendAudit(tx, {
      actor,
      action: "quality.master.unmerge",
      entityType: "MasterGoldenRecord",
      entityId: golden.id,
      before: { sourceRecordIds: input.sourceRecordIds },
      after: { restored: result.restored },
    });
    return { restored: result.restored };
  });
}

/** Reverses a history entry: a merge is unmerged (its moved records go home), a not-a-match is reopened. */
export async function undoMasterHistory(actor: Actor, raw: unknown): Promise<{ action: string }> {
  assertCan(actor, "quality:steward");
  const { historyId } = ZUndoHistory.parse(raw);
  const h = await db().masterHistory.findUnique({ where: { id: historyId } });
  if (!h) throw new AppError("NOT_FOUND", "That history entry does not exist.");
  if (h.undoneBy) throw new AppError("CONFLICT", "This change was reversed already.");
  const details = h.details as { moved?: string[]; intoGoldenId?: string; reviewItemId?: string };
  if (h.action === "merge" && details.intoGoldenId && details.moved?.length) {
    await unmergeSourceRecords(actor, { goldenId: details.intoGoldenId, sourceRecordIds: details.moved }, h.id);
    return { action: "unmerge" };
  }
  if (h.action === "reject" && details.reviewItemId) {
    await transaction(async (tx) => {
      await tx.masterReviewItem.update({
        where: { id: details.reviewItemId },
        data: { status: "open", resolvedBy: null, resolvedAt: null },
      });
      const reopen = await tx.masterHistory.create({
        data: {
          entityId: h.entityId,
          goldenId: h.goldenId,
          action: "reopen",
          actorId: actor.id,
          actorEmail: actor.email,
          details: { undoOf: h.id, reviewItemId: details.reviewItemId },
        },
      });
      await tx.masterHistory.update({ where: { id: h.id }, data: { undoneBy: reopen.id } });
      await appendAudit(tx, {
        actor,
        action: "quality.master.reopen",
        entityType: "MasterReviewItem",
        entityId: details.reviewItemId!,
        before: { status: "rejected" },
        after: { status: "open" },
      });
    });
    return { action: "reopen" };
  }
  throw new AppError("BAD_REQUEST", `A ${h.action} entry cannot be reversed from the history.`);
}
