import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, Prisma, transaction, type Tx } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import { ZAssignOwnershipInput, ZAttestInput, ZDataDomainInput } from "@/lib/validation/ownership";
import { appendAudit } from "../audit";
import { assertExisting, userNames } from "../prioritization/references";
import { attestationStatus, expiryFor, type AttestationStatus } from "./attestation-status";

export type RegistryStatus = AttestationStatus | "unowned";
export const REGISTRY_STATUSES: RegistryStatus[] = ["unowned", "unsigned", "expired", "signed"];

export type RegistryRow = {
  scope: "process" | "data_domain";
  /** processId or dataDomainId */
  scopeId: string;
  name: string;
  context: string;
  ownershipId: string | null;
  ownerId: string | null;
  owner: string | null;
  steward: string | null;
  responsibilities: string;
  attestationPeriodDays: number | null;
  status: RegistryStatus;
  signedAt: string | null;
  signedBy: string | null;
  expiresAt: string | null;
};

const ownershipInclude = {
  attestations: { orderBy: { expiresAt: "desc" }, take: 1 },
} satisfies Prisma.OwnershipInclude;
type OwnershipRecord = Prisma.OwnershipGetPayload<{ include: typeof ownershipInclude }>;

function statusOf(o: OwnershipRecord | undefined, now: Date): RegistryStatus {
  if (!o?.ownerId) return "unowned";
  return attestationStatus(o.attestations[0] ?? null, now);
}

async function toRows(
  items: {
    scope: RegistryRow["scope"];
    scopeId: string;
    name: string;
    context: string;
    ownership: OwnershipRecord | undefined;
  }[],
  now: Date,
): Promise<RegistryRow[]> {
  const users = await userNames(
    items.flatMap((i) => [i.ownership?.ownerId, i.ownership?.stewardId, i.ownership?.attestations[0]?.signedById]),
  );
  return items.map(({ scope, scopeId, name, context, ownership: o }) => {
    const latest = o?.attestations[0];
    return {
      scope,
      scopeId,
      name,
      context,
      ownershipId: o?.id ?? null,
      ownerId: o?.ownerId ?? null,
      owner: o?.ownerId ? (users.get(o.ownerId)?.name ?? "(removed user)") : null,
      steward: o?.stewardId ? (users.get(o.stewardId)?.name ?? "(removed user)") : null,
      responsibilities: o?.responsibilities ?? "",
      attestationPeriodDays: o?.attestationPeriodDays ?? null,
      status: statusOf(o, now),
      signedAt: latest?.signedAt.toISOString() ?? null,
      signedBy: latest ? (users.get(latest.signedById)?.name ?? "(removed user)") : null,
      expiresAt: latest?.expiresAt.toISOString() ?? null,
    };
  });
}

/** Where-clause on Ownership rows for an attestation status at `now`. */
function ownershipStatusWhere(status: RegistryStatus, now: Date): Prisma.OwnershipWhereInput {
  const owned: Prisma.OwnershipWhereInput = { ownerId: { not: null } };
  if (status === "unsigned") return { ...owned, attestations: { none: {} } };
  if (status === "expired") return { ...owned, attestations: { some: {}, none: { expiresAt: { gt: now } } } };
  return { ...owned, attestations: { some: { expiresAt: { gt: now } } } };
}

/** Every process with its owner, steward and sign-off state; f.status filters (unowned/unsigned/expired/signed). */
export async function listProcessOwnership(
  actor: Actor,
  query: TListQuery,
  now = new Date(),
): Promise<ListResult<RegistryRow>> {
  assertCan(actor, "ownership:read");
  const and: Prisma.BusinessProcessWhereInput[] = [];
  if (query.q) and.push({ name: { contains: query.q, mode: "insensitive" } });
  if (query.filters.department) and.push({ departmentId: query.filters.department });
  const status = query.filters.status as RegistryStatus | undefined;
  if (status && REGISTRY_STATUSES.includes(status)) {
    if (status === "unowned") {
      const owned = await db().ownership.findMany({
        where: { processId: { not: null }, ownerId: { not: null } },
        select: { processId: true },
      });
      and.push({ id: { notIn: owned.map((o) => o.processId!) } });
    } else {
      const matching = await db().ownership.findMany({
        where: { processId: { not: null }, ...ownershipStatusWhere(status, now) },
        select: { processId: true },
      });
      and.push({ id: { in: matching.map((o) => o.processId!) } });
    }
  }
  const where = { AND: and };
  const sort = pickSort(query, ["name", "department"] as const, "name");
  const orderBy: Prisma.BusinessProcessOrderByWithRelationInput =
    sort.field === "department" ? { department: { name: sort.dir } } : { name: sort.dir };
  const [processes, total] = await Promise.all([
    db().businessProcess.findMany({
      where,
      select: { id: true, name: true, department: { select: { name: true } } },
      orderBy,
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db().businessProcess.count({ where }),
  ]);
  const ownerships = await db().ownership.findMany({
    where: { processId: { in: processes.map((p) => p.id) } },
    include: ownershipInclude,
  });
  const byProcess = new Map(ownerships.map((o) => [o.processId!, o]));
  const rows = await toRows(
    processes.map((p) => ({
      scope: "process" as const,
      scopeId: p.id,
      name: p.name,
      context: p.department.name,
      ownership: byProcess.get(p.id),
    })),
    now,
  );
  return { rows, total, page: query.page, pageSize: query.pageSize };
}

/** Data domains are few (tens), so they are listed whole. */
export async function listDomainOwnership(actor: Actor, now = new Date()): Promise<RegistryRow[]> {
  assertCan(actor, "ownership:read");
  const domains = await db().dataDomain.findMany({
    orderBy: { name: "asc" },
    include: { ownership: { include: ownershipInclude } },
  });
  return toRows(
    domains.map((d) => ({
      scope: "data_domain" as const,
      scopeId: d.id,
      name: d.name,
      context: d.description,
      ownership: d.ownership ?? undefined,
    })),
    now,
  );
}

export type RegistrySummary = Record<"process" | "data_domain", Record<RegistryStatus, number>>;

export async function registrySummary(actor: Actor, now = new Date()): Promise<RegistrySummary> {
  assertCan(actor, "ownership:read");
  const count = (scope: "process" | "data_domain", status: Exclude<RegistryStatus, "unowned">) =>
    db().ownership.count({
      where: {
        [scope === "process" ? "processId" : "dataDomainId"]: { not: null },
        ...ownershipStatusWhere(status, now),
      },
    });
  const [pTotal, dTotal, ...counts] = await Promise.all([
    db().businessProcess.count(),
    db().dataDomain.count(),
    count("process", "unsigned"),
    count("process", "expired"),
    count("process", "signed"),
    count("data_domain", "unsigned"),
    count("data_domain", "expired"),
    count("data_domain", "signed"),
  ]);
  const [pu, pe, ps, du, de, ds] = counts;
  return {
    process: { unowned: pTotal - pu - pe - ps, unsigned: pu, expired: pe, signed: ps },
    data_domain: { unowned: dTotal - du - de - ds, unsigned: du, expired: de, signed: ds },
  };
}

export async function createDataDomain(actor: Actor, raw: unknown): Promise<{ id: string }> {
  assertCan(actor, "ownership:manage");
  const input = ZDataDomainInput.parse(raw);
  try {
    return await transaction(async (tx) => {
      const d = await tx.dataDomain.create({ data: input, select: { id: true } });
      await appendAudit(tx, {
        actor,
        action: "data_domain.create",
        entityType: "DataDomain",
        entityId: d.id,
        after: input,
      });
      return d;
    });
  } catch (error) {
    mapPrismaError(error, "data domain");
  }
}

async function scopeName(tx: Tx, processId: string | null, dataDomainId: string | null): Promise<string> {
  if (processId) {
    const p = await tx.businessProcess.findUnique({ where: { id: processId }, select: { name: true } });
    if (!p) throw new AppError("NOT_FOUND", "That process no longer exists.");
    return `process "${p.name}"`;
  }
  const d = await tx.dataDomain.findUnique({ where: { id: dataDomainId! }, select: { name: true } });
  if (!d) throw new AppError("NOT_FOUND", "That data domain no longer exists.");
  return `data domain "${d.name}"`;
}

/** Sets the owner, steward and responsibilities for a process or data domain, and tells the new people. */
export async function assignOwnership(actor: Actor, raw: unknown): Promise<{ id: string }> {
  assertCan(actor, "ownership:manage");
  const input = ZAssignOwnershipInput.parse(raw);
  return transaction(async (tx) => {
    const label = await scopeName(tx, input.processId, input.dataDomainId);
    await assertExisting(
      tx,
      "user",
      [input.ownerId, input.stewardId].filter((v): v is string => Boolean(v)),
      "ownerId",
    );
    const where = input.processId ? { processId: input.processId } : { dataDomainId: input.dataDomainId! };
    const before = await tx.ownership.findUnique({ where });
    const data = {
      ownerId: input.ownerId,
      stewardId: input.stewardId,
      responsibilities: input.responsibilities,
      attestationPeriodDays: input.attestationPeriodDays,
    };
    const row = await tx.ownership.upsert({ where, create: { ...where, ...data }, update: data });
    await appendAudit(tx, {
      actor,
      action: before ? "ownership.update" : "ownership.create",
      entityType: "Ownership",
      entityId: row.id,
      before: before
        ? {
            ownerId: before.ownerId,
            stewardId: before.stewardId,
            responsibilities: before.responsibilities,
            attestationPeriodDays: before.attestationPeriodDays,
          }
        : null,
      after: { ...where, ...data },
    });
    const notify = async (userId: string | null, role: string) => {
      if (!userId || (before && (role === "owner" ? before.ownerId : before.stewardId) === userId)) return;
      await tx.notification.create({
        data: {
          userId,
          kind: "ownership_assigned",
          title: `You are now ${role} of the ${label}`,
          body:
            role === "owner"
              ? "Review the responsibilities and sign off the scope."
              : "You handle data quality and exceptions for this scope.",
          href: "/ownership",
        },
      });
    };
    await notify(input.ownerId, "owner");
    await notify(input.stewardId, "steward");
    return { id: row.id };
  });
}

/** The owner signs off their scope; it stays signed for the scope's attestation period. */
export async function attest(actor: Actor, raw: unknown, now = new Date()): Promise<{ expiresAt: string }> {
  assertCan(actor, "ownership:attest");
  const input = ZAttestInput.parse(raw);
  return transaction(async (tx) => {
    const o = await tx.ownership.findUnique({ where: { id: input.ownershipId } });
    if (!o) throw new AppError("NOT_FOUND", "That ownership record no longer exists.");
    if (!o.ownerId || o.ownerId !== actor.id)
      throw new AppError("FORBIDDEN", "Only the accountable owner can sign off this scope.");
    const expiresAt = expiryFor(now, o.attestationPeriodDays);
    const a = await tx.attestation.create({
      data: { ownershipId: o.id, signedById: actor.id, signedAt: now, expiresAt, statement: input.statement },
    });
    await appendAudit(tx, {
      actor,
      action: "ownership.attest",
      entityType: "Ownership",
      entityId: o.id,
      after: { attestationId: a.id, signedAt: now.toISOString(), expiresAt: expiresAt.toISOString() },
    });
    // The sign-off reminders for this scope are now answered.
    await tx.notification.updateMany({
      where: { userId: actor.id, dedupeKey: { startsWith: `attest:${o.id}:` }, readAt: null },
      data: { readAt: now },
    });
    return { expiresAt: expiresAt.toISOString() };
  });
}

/** Current assignment for the assign form; null when the process or domain does not exist. */
export async function ownershipFor(
  actor: Actor,
  scope: { processId?: string; dataDomainId?: string },
): Promise<{
  name: string;
  ownerId: string | null;
  stewardId: string | null;
  responsibilities: string;
  attestationPeriodDays: number;
} | null> {
  assertCan(actor, "ownership:read");
  const name = scope.processId
    ? (await db().businessProcess.findUnique({ where: { id: scope.processId }, select: { name: true } }))?.name
    : (await db().dataDomain.findUnique({ where: { id: scope.dataDomainId ?? "" }, select: { name: true } }))?.name;
  if (!name) return null;
  const o = await db().ownership.findUnique({
    where: scope.processId ? { processId: scope.processId } : { dataDomainId: scope.dataDomainId! },
  });
  return {
    name,
    ownerId: o?.ownerId ?? null,
    stewardId: o?.stewardId ?? null,
    responsibilities: o?.responsibilities ?? "",
    attestationPeriodDays: o?.attestationPeriodDays ?? DEFAULT_ATTESTATION_PERIOD_DAYS,
  };
}

export const DEFAULT_ATTESTATION_PERIOD_DAYS = 180;

export async function ownershipPeople(actor: Actor): Promise<{ id: string; name: string; role: string }[]> {
  assertCan(actor, "ownership:manage");
  return db().user.findMany({
    where: { isActive: true },
    select: { id: true, name: true, role: true },
    orderBy: { name: "asc" },
  });
}

export async function ownershipDepartments(actor: Actor): Promise<{ id: string; name: string }[]> {
  assertCan(actor, "ownership:read");
  return db().department.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}

export type ScopeAttestation = { status: RegistryStatus; ownerId: string | null; expiresAt: string | null };

/**
 * Sign-off state of one process or data domain at `now`, for gates in other areas (e.g. refusing
 * to promote a flow whose data owner's attestation has lapsed).
 */
export async function scopeAttestation(
  actor: Actor,
  scope: { processId: string } | { dataDomainId: string },
  now = new Date(),
): Promise<ScopeAttestation> {
  assertCan(actor, "ownership:read");
  const o = await db().ownership.findUnique({
    where: "processId" in scope ? { processId: scope.processId } : { dataDomainId: scope.dataDomainId },
    include: ownershipInclude,
  });
  return {
    status: statusOf(o ?? undefined, now),
    ownerId: o?.ownerId ?? null,
    expiresAt: o?.attestations[0]?.expiresAt.toISOString() ?? null,
  };
}
