import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction, type Prisma } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import type { TMasterConfig } from "@/lib/quality/master/config";
import { ZCreateMasterEntity, ZSaveMasterConfig } from "@/lib/quality/master/inputs";
import {
  configHash,
  ingestRecord,
  loadEntityConfig,
  type TGoldenChangeBody,
  type TIngestInput,
} from "@/lib/quality/master/store";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import { appendAudit } from "../../audit";
import { recomputeProgress } from "./recompute";
import { prismaSql } from "./sql";

export type TMasterEntityRow = {
  id: string;
  key: string;
  name: string;
  description: string;
  version: number;
  contentHash: string;
  goldenCount: number;
  openReviews: number;
  updatedAt: string;
};

export type TMasterEntityDetail = TMasterEntityRow & {
  config: TMasterConfig;
  /** Active golden records still built under an older version (the engine's master-recompute job catches up). */
  recompute: { stale: number; total: number };
  versions: { version: number; contentHash: string; note: string; createdBy: string; createdAt: string }[];
};

async function countsFor(entityIds: string[]) {
  const [golden, reviews] = await Promise.all([
    db().masterGoldenRecord.groupBy({
      by: ["entityId"],
      where: { entityId: { in: entityIds }, status: "active" },
      _count: true,
    }),
    db().masterReviewItem.groupBy({
      by: ["entityId"],
      where: { entityId: { in: entityIds }, status: "open" },
      _count: true,
    }),
  ]);
  return {
    golden: new Map(golden.map((g) => [g.entityId, g._count])),
    reviews: new Map(reviews.map((r) => [r.entityId, r._count])),
  };
}

export async function findMasterEntities(actor: Actor, query: TListQuery): Promise<ListResult<TMasterEntityRow>> {
  assertCan(actor, "quality:read");
  const where: Prisma.MasterEntityWhereInput = {
    archivedAt: null,
    ...(query.q
      ? {
          OR: [
            { key: { contains: query.q, mode: "insensitive" } },
            { name: { contains: query.q, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [total, entities] = await Promise.all([
    db().masterEntity.count({ where }),
    db().masterEntity.findMany({
      where,
      orderBy: { name: query.dir },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      include: { versions: { orderBy: { version: "desc" }, take: 1 } },
    }),
  ]);
  const counts = await countsFor(entities.map((e) => e.id));
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    rows: entities.map((e) => ({
      id: e.id,
      key: e.key,
      name: e.name,
      description: e.description,
      version: e.versions[0]?.version ?? 0,
      contentHash: e.versions[0]?.contentHash ?? "",
      goldenCount: counts.golden.get(e.id) ?? 0,
      openReviews: counts.reviews.get(e.id) ?? 0,
      updatedAt: e.updatedAt.toISOString(),
    })),
  };
}

export async function getMasterEntityOrThrow(actor: Actor, key: string): Promise<TMasterEntityDetail> {
  assertCan(actor, "quality:read");
  const e = await db().masterEntity.findUnique({
    where: { key },
    include: { versions: { orderBy: { version: "desc" }, take: 50 } },
  });
  if (!e || e.archivedAt || !e.versions.length) throw new AppError("NOT_FOUND", "That master entity does not exist.");
  const latest = e.versions[0];
  const [counts, recompute] = await Promise.all([countsFor([e.id]), recomputeProgress(e.id, latest.version)]);
  return {
    id: e.id,
    key: e.key,
    name: e.name,
    description: e.description,
    version: latest.version,
    contentHash: latest.contentHash,
    goldenCount: counts.golden.get(e.id) ?? 0,
    openReviews: counts.reviews.get(e.id) ?? 0,
    updatedAt: e.updatedAt.toISOString(),
    config: latest.config as TMasterConfig,
    recompute,
    versions: e.versions.map((v) => ({
      version: v.version,
      contentHash: v.contentHash,
      note: v.note,
      createdBy: v.createdBy,
      createdAt: v.createdAt.toISOString(),
    })),
  };
}

export async function createMasterEntity(actor: Actor, raw: unknown): Promise<{ id: string; key: string }> {
  assertCan(actor, "quality:manage");
  const input = ZCreateMasterEntity.parse(raw);
  try {
    return await transaction(async (tx) => {
      if (await tx.masterEntity.findUnique({ where: { key: input.key }, select: { id: true } }))
        throw new AppError("CONFLICT", `A master entity with the key "${input.key}" exists already.`, {
          fieldErrors: { key: ["This key is taken; choose another."] },
        });
      const contentHash = configHash(input.config);
      const entity = await tx.masterEntity.create({
        data: {
          key: input.key,
          name: input.name,
          description: input.description,
          createdBy: actor.email,
          versions: { create: { version: 1, config: input.config as object, contentHash, createdBy: actor.email } },
        },
      });
      await appendAudit(tx, {
        actor,
        action: "quality.master.entity.create",
        entityType: "MasterEntity",
        entityId: entity.id,
        after: { key: entity.key, name: entity.name, version: 1, contentHash },
      });
      return { id: entity.id, key: entity.key };
    });
  } catch (error) {
    mapPrismaError(error, "master entity");
  }
}

/**
 * Saves a new immutable configuration version: the engine applies it from the next source record on, and
 * its master-recompute job brings the golden records already built to it (./recompute.ts).
 * The same content as the newest version saves nothing and returns that version.
 */
export async function saveMasterConfig(
  actor: Actor,
  raw: unknown,
): Promise<{ key: string; version: number; contentHash: string; isNew: boolean }> {
  assertCan(actor, "quality:manage");
  const input = ZSaveMasterConfig.parse(raw);
  return transaction(async (tx) => {
    // Serialises concurrent saves of one entity: version numbers stay dense and unique.
    await tx.$executeRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtext(${`sb.master.config:${input.entityId}`}))`;
    const entity = await tx.masterEntity.findUnique({
      where: { id: input.entityId },
      include: { versions: { orderBy: { version: "desc" }, take: 1 } },
    });
    if (!entity || entity.archivedAt) throw new AppError("NOT_FOUND", "That master entity does not exist.");
    const latest = entity.versions[0];
    const contentHash = configHash(input.config);
    if (latest?.contentHash === contentHash)
      return { key: entity.key, version: latest.version, contentHash, isNew: false };
    const version = (latest?.version ?? 0) + 1;
    await tx.masterEntityVersion.create({
      data: {
        entityId: entity.id,
        version,
        config: input.config as object,
        contentHash,
        note: input.note,
        createdBy: actor.email,
      },
    });
    await tx.masterEntity.update({ where: { id: entity.id }, data: { updatedAt: new Date() } });
    await tx.masterHistory.create({
      data: {
        entityId: entity.id,
        action: "config",
        actorId: actor.id,
        actorEmail: actor.email,
        details: { version, contentHash, previousVersion: latest?.version ?? null, note: input.note },
      },
    });
    await appendAudit(tx, {
      actor,
      action: "quality.master.config.save",
      entityType: "MasterEntity",
      entityId: entity.id,
      before: latest ? { version: latest.version, config: latest.config as object } : null,
      after: { version, config: input.config as object, note: input.note },
    });
    return { key: entity.key, version, contentHash, isNew: true };
  });
}

/**
 * Ingests one source record outside a flow (the seed, imports), exactly as the engine's golden_record
 * step does: matched, merged and published through the outbox in one transaction.
 */
export async function ingestMasterRecord(
  actor: Actor,
  entityKey: string,
  record: TIngestInput,
): Promise<TGoldenChangeBody> {
  assertCan(actor, "quality:manage");
  return transaction(async (tx) => {
    const sql = prismaSql(tx);
    const entity = await loadEntityConfig(sql, entityKey);
    if (!entity) throw new AppError("NOT_FOUND", `No master entity "${entityKey}".`);
    return ingestRecord(sql, entity, record);
  });
}
