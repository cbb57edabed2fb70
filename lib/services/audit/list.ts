import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, Prisma } from "@/lib/db";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";

export type AuditRow = {
  seq: string;
  at: string;
  actorEmail: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  hash: string;
};

const SORTABLE = ["seq", "at", "actorEmail", "action", "entityType"] as const;

function where(query: TListQuery): Prisma.AuditEntryWhereInput {
  const f = query.filters;
  const and: Prisma.AuditEntryWhereInput[] = [];
  if (query.q) {
    and.push({
      OR: [
        { actorEmail: { contains: query.q, mode: "insensitive" } },
        { action: { contains: query.q, mode: "insensitive" } },
        { entityId: { contains: query.q, mode: "insensitive" } },
        // Find an entity by the name or email its create/update recorded.
        { after: { path: ["email"], string_contains: query.q } },
        { after: { path: ["name"], string_contains: query.q } },
      ],
    });
  }
  if (f.actorEmail) and.push({ actorEmail: { contains: f.actorEmail, mode: "insensitive" } });
  if (f.action) and.push({ action: f.action });
  if (f.entityType) and.push({ entityType: f.entityType });
  if (f.from && !Number.isNaN(Date.parse(f.from))) and.push({ at: { gte: new Date(f.from) } });
  if (f.to && !Number.isNaN(Date.parse(f.to))) and.push({ at: { lte: new Date(`${f.to}T23:59:59.999Z`) } });
  // Entries up to a sequence number: an export pins this when it starts, so entries appended while it
  // pages through cannot shift the pages (and repeat rows).
  if (f.upToSeq && /^\d{1,19}$/.test(f.upToSeq)) and.push({ seq: { lte: BigInt(f.upToSeq) } });
  return { AND: and };
}

export async function listAuditEntries(actor: Actor, query: TListQuery): Promise<ListResult<AuditRow>> {
  assertCan(actor, "audit:read");
  const sort = pickSort(query, SORTABLE, "seq");
  const w = where(query);
  const [rows, total] = await Promise.all([
    db().auditEntry.findMany({
      where: w,
      orderBy: { [sort.field]: query.sort ? sort.dir : "desc" },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db().auditEntry.count({ where: w }),
  ]);
  return {
    rows: rows.map((r) => ({
      seq: r.seq.toString(),
      at: r.at.toISOString(),
      actorEmail: r.actorEmail,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      before: r.before,
      after: r.after,
      hash: r.hash,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The filters pinned to the trail as it is now (see `upToSeq`), for an export that pages through it. */
export async function pinAuditQuery(actor: Actor, query: TListQuery): Promise<TListQuery> {
  assertCan(actor, "audit:read");
  const last = await db().auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
  return { ...query, filters: { ...query.filters, upToSeq: (last?.seq ?? 0n).toString() } };
}

/** Distinct values for the filter drop-downs. */
export async function auditFacets(actor: Actor): Promise<{ actions: string[]; entityTypes: string[] }> {
  assertCan(actor, "audit:read");
  const [actions, types] = await Promise.all([
    db().auditEntry.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
    db().auditEntry.findMany({
      distinct: ["entityType"],
      select: { entityType: true },
      orderBy: { entityType: "asc" },
    }),
  ]);
  return { actions: actions.map((a) => a.action), entityTypes: types.map((t) => t.entityType) };
}
