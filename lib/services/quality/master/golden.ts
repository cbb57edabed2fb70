import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TMasterConfig, TProvenance } from "@/lib/quality/master/config";
import { GOLDEN_STATUSES } from "@/lib/quality/master/inputs";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";

export type TGoldenRow = {
  id: string;
  entityKey: string;
  status: (typeof GOLDEN_STATUSES)[number];
  attributes: Record<string, unknown>;
  version: number;
  sourceCount: number;
  systems: string[];
  updatedAt: string;
};

export type TSourceRecordView = {
  id: string;
  system: string;
  sourceId: string;
  attributes: Record<string, unknown>;
  observedAt: string;
  matchScore: number;
  matchRule: string;
  linkedBy: string;
  linkedAt: string;
  homeGoldenId: string | null;
};

export type THistoryView = {
  id: string;
  action: string;
  actorEmail: string;
  details: Record<string, unknown>;
  undoneBy: string | null;
  createdAt: string;
};

export type TGoldenDetail = TGoldenRow & {
  entityName: string;
  attributeNames: string[];
  provenance: Record<string, TProvenance>;
  configVersion: number;
  mergedIntoId: string | null;
  sources: TSourceRecordView[];
  history: THistoryView[];
  openReviews: number;
};

export function toSourceView(s: Prisma.MasterSourceRecordGetPayload<object>): TSourceRecordView {
  return {
    id: s.id,
    system: s.system,
    sourceId: s.sourceId,
    attributes: s.attributes as Record<string, unknown>,
    observedAt: s.observedAt.toISOString(),
    matchScore: s.matchScore,
    matchRule: s.matchRule,
    linkedBy: s.linkedBy,
    linkedAt: s.linkedAt.toISOString(),
    homeGoldenId: s.homeGoldenId,
  };
}

const SORTS = ["updatedAt", "version"] as const;

/** Golden records of one entity: search over their values, filter by status and by a contributing system. */
export async function findGoldenRecords(
  actor: Actor,
  entityKey: string,
  query: TListQuery,
): Promise<ListResult<TGoldenRow>> {
  assertCan(actor, "quality:read");
  const entity = await db().masterEntity.findUnique({ where: { key: entityKey }, select: { id: true } });
  if (!entity) throw new AppError("NOT_FOUND", "That master entity does not exist.");
  const status = GOLDEN_STATUSES.find((s) => s === query.filters.status) ?? "active";
  const system = query.filters.system;
  const where: Prisma.MasterGoldenRecordWhereInput = {
    entityId: entity.id,
    status,
    ...(query.q ? { searchText: { contains: query.q.toLowerCase() } } : {}),
    ...(system
      ? {
          id: {
            in: (
              await db().masterSourceRecord.findMany({
                where: { entityId: entity.id, system },
                select: { goldenId: true },
              })
            ).map((s) => s.goldenId),
          },
        }
      : {}),
  };
  const sort = pickSort(query, SORTS, "updatedAt");
  const [total, rows] = await Promise.all([
    db().masterGoldenRecord.count({ where }),
    db().masterGoldenRecord.findMany({
      where,
      orderBy: [{ [sort.field]: query.sort ? sort.dir : "desc" }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  const sources = await db().masterSourceRecord.findMany({
    where: { goldenId: { in: rows.map((r) => r.id) } },
    select: { goldenId: true, system: true },
  });
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    rows: rows.map((g) => {
      const mine = sources.filter((s) => s.goldenId === g.id);
      return {
        id: g.id,
        entityKey,
        status: g.status,
        attributes: g.attributes as Record<string, unknown>,
        version: g.version,
        sourceCount: mine.length,
        systems: [...new Set(mine.map((s) => s.system))].sort(),
        updatedAt: g.updatedAt.toISOString(),
      };
    }),
  };
}

/** The systems that sent records of an entity (the list's filter options). */
export async function masterSystems(actor: Actor, entityKey: string): Promise<string[]> {
  assertCan(actor, "quality:read");
  const rows = await db().masterSourceRecord.findMany({
    where: {
      entityId: (await db().masterEntity.findUnique({ where: { key: entityKey }, select: { id: true } }))?.id ?? "",
    },
    distinct: ["system"],
    select: { system: true },
    orderBy: { system: "asc" },
  });
  return rows.map((r) => r.system);
}

export async function getGoldenRecordOrThrow(actor: Actor, goldenId: string): Promise<TGoldenDetail> {
  assertCan(actor, "quality:read");
  const g = await db().masterGoldenRecord.findUnique({ where: { id: goldenId } });
  if (!g) throw new AppError("NOT_FOUND", "That golden record does not exist.");
  const [entity, sources, history] = await Promise.all([
    db().masterEntity.findUnique({
      where: { id: g.entityId },
      include: { versions: { orderBy: { version: "desc" }, take: 1 } },
    }),
    db().masterSourceRecord.findMany({ where: { goldenId }, orderBy: [{ system: "asc" }, { sourceId: "asc" }] }),
    // Entries on this record, and merges and unmerges that name it on the other side.
    db().$queryRaw<
      { id: string; action: string; actorEmail: string; details: unknown; undoneBy: string | null; createdAt: Date }[]
    >`
      SELECT "id", "action", "actorEmail", "details", "undoneBy", "createdAt" FROM "MasterHistory"
       WHERE "goldenId" = ${goldenId} OR "details"::text LIKE ${`%"${goldenId}"%`} ORDER BY "createdAt" DESC LIMIT 100`,
  ]);
  const openReviews = await db().masterReviewItem.count({
    where: {
      status: "open",
      OR: [{ candidateGoldenId: goldenId }, { sourceRecordId: { in: sources.map((s) => s.id) } }],
    },
  });
  const config = entity?.versions[0]?.config as TMasterConfig | undefined;
  return {
    id: g.id,
    entityKey: entity?.key ?? "",
    entityName: entity?.name ?? "",
    attributeNames: config?.attributes.map((a) => a.name) ?? Object.keys(g.attributes as object),
    status: g.status,
    attributes: g.attributes as Record<string, unknown>,
    provenance: g.provenance as Record<string, TProvenance>,
    version: g.version,
    configVersion: g.configVersion,
    mergedIntoId: g.mergedIntoId,
    sourceCount: sources.length,
    systems: [...new Set(sources.map((s) => s.system))].sort(),
    updatedAt: g.updatedAt.toISOString(),
    sources: sources.map(toSourceView),
    history: history.map((h) => ({
      id: h.id,
      action: h.action,
      actorEmail: h.actorEmail,
      details: h.details as Record<string, unknown>,
      undoneBy: h.undoneBy,
      createdAt: h.createdAt.toISOString(),
    })),
    openReviews,
  };
}
