import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, Prisma, transaction, type Tx } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import {
  CRITICALITIES,
  HOSTINGS,
  LIFECYCLES,
  SYSTEM_TYPES,
  ZIdInput,
  ZSystemInput,
  ZUpdateSystemInput,
  type TCriticality,
  type THosting,
  type TLifecycle,
  type TSystemInput,
  type TSystemType,
} from "@/lib/validation/inventory";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import { appendAudit, type AuditWriter } from "../audit";

export type SystemRow = {
  id: string;
  name: string;
  type: TSystemType;
  vendor: string;
  hosting: THosting;
  region: string;
  criticality: TCriticality;
  lifecycle: TLifecycle;
  processCount: number;
  interfaceCount: number;
  updatedAt: string;
};
export type SystemDetail = SystemRow & {
  description: string;
  processes: { id: string; name: string; department: string }[];
  createdAt: string;
};

const rowSelect = {
  id: true,
  name: true,
  type: true,
  vendor: true,
  hosting: true,
  region: true,
  criticality: true,
  lifecycle: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { processes: true, outbound: true, inbound: true } },
} satisfies Prisma.SystemSelect;
type SystemRecord = Prisma.SystemGetPayload<{ select: typeof rowSelect }>;

function toRow(s: SystemRecord): SystemRow {
  return {
    id: s.id,
    name: s.name,
    type: s.type,
    vendor: s.vendor,
    hosting: s.hosting,
    region: s.region,
    criticality: s.criticality,
    lifecycle: s.lifecycle,
    processCount: s._count.processes,
    interfaceCount: s._count.outbound + s._count.inbound,
    updatedAt: s.updatedAt.toISOString(),
  };
}

const FIELDS = ["name", "type", "vendor", "hosting", "region", "criticality", "lifecycle", "description"] as const;
function snapshot(s: Pick<SystemRecord, (typeof FIELDS)[number]>): Record<string, unknown> {
  return Object.fromEntries(FIELDS.map((f) => [f, s[f]]));
}

const SORTABLE = ["name", "type", "vendor", "hosting", "region", "criticality", "lifecycle", "updatedAt"] as const;

function pick<T extends string>(values: readonly T[], raw: string | undefined): T | undefined {
  return raw && (values as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

export function systemWhere(query: Pick<TListQuery, "q" | "filters">): Prisma.SystemWhereInput {
  const and: Prisma.SystemWhereInput[] = [];
  if (query.q) {
    and.push({
      OR: [
        { name: { contains: query.q, mode: "insensitive" } },
        { vendor: { contains: query.q, mode: "insensitive" } },
        { region: { contains: query.q, mode: "insensitive" } },
      ],
    });
  }
  const type = pick(SYSTEM_TYPES, query.filters.type);
  if (type) and.push({ type });
  const hosting = pick(HOSTINGS, query.filters.hosting);
  if (hosting) and.push({ hosting });
  const criticality = pick(CRITICALITIES, query.filters.criticality);
  if (criticality) and.push({ criticality });
  const lifecycle = pick(LIFECYCLES, query.filters.lifecycle);
  if (lifecycle) and.push({ lifecycle });
  return { AND: and };
}

export async function listSystems(actor: Actor, query: TListQuery): Promise<ListResult<SystemRow>> {
  assertCan(actor, "inventory:read");
  const where = systemWhere(query);
  const sort = pickSort(query, SORTABLE, "name");
  const [rows, total] = await Promise.all([
    db().system.findMany({
      where,
      select: rowSelect,
      orderBy: [{ [sort.field]: sort.dir }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db().system.count({ where }),
  ]);
  return { rows: rows.map(toRow), total, page: query.page, pageSize: query.pageSize };
}

export async function getSystemOrThrow(actor: Actor, id: string): Promise<SystemDetail> {
  assertCan(actor, "inventory:read");
  const s = await db().system.findUnique({
    where: { id },
    select: {
      ...rowSelect,
      processes: { select: { process: { select: { id: true, name: true, department: { select: { name: true } } } } } },
    },
  });
  if (!s) throw new AppError("NOT_FOUND", "That system does not exist (it may have been deleted).");
  return {
    ...toRow(s),
    description: s.description,
    createdAt: s.createdAt.toISOString(),
    processes: s.processes
      .map(({ process: p }) => ({ id: p.id, name: p.name, department: p.department.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Systems for pickers and filters, sorted by name. */
export async function systemOptions(actor: Actor): Promise<{ id: string; name: string }[]> {
  assertCan(actor, "inventory:read");
  return db().system.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/** Creates or replaces a system inside the caller's transaction; unchanged input writes nothing. */
export async function saveSystemTx(
  tx: Tx,
  actor: Actor,
  input: TSystemInput,
  existingId?: string,
  audit: AuditWriter = appendAudit,
): Promise<{ id: string; changed: boolean }> {
  const before = existingId ? await tx.system.findUnique({ where: { id: existingId }, select: rowSelect }) : null;
  if (existingId && !before) throw new AppError("NOT_FOUND", "That system no longer exists.");
  if (before && FIELDS.every((f) => before[f] === input[f])) return { id: before.id, changed: false };
  // Imports and pickers match systems by name ignoring case, so names must be unique that way too.
  const clash = await tx.system.findFirst({
    where: { name: { equals: input.name, mode: "insensitive" }, NOT: before ? { id: before.id } : undefined },
    select: { name: true },
  });
  if (clash) {
    throw new AppError("CONFLICT", `A system called “${clash.name}” already exists.`, {
      fieldErrors: { name: [`“${clash.name}” already exists; system names are unique ignoring case.`] },
    });
  }
  const saved = before
    ? await tx.system.update({ where: { id: before.id }, data: input, select: rowSelect })
    : await tx.system.create({ data: input, select: rowSelect });
  await audit(tx, {
    actor,
    action: before ? "inventory.system.update" : "inventory.system.create",
    entityType: "System",
    entityId: saved.id,
    before: before ? snapshot(before) : null,
    after: snapshot(saved),
  });
  return { id: saved.id, changed: true };
}

export async function createSystem(actor: Actor, raw: unknown): Promise<SystemDetail> {
  assertCan(actor, "inventory:edit");
  const input = ZSystemInput.parse(raw);
  try {
    const { id } = await transaction((tx) => saveSystemTx(tx, actor, input));
    return getSystemOrThrow(actor, id);
  } catch (error) {
    mapPrismaError(error, "system");
  }
}

export async function updateSystem(actor: Actor, raw: unknown): Promise<SystemDetail> {
  assertCan(actor, "inventory:edit");
  const { id, ...input } = ZUpdateSystemInput.parse(raw);
  try {
    await transaction((tx) => saveSystemTx(tx, actor, input, id));
    return getSystemOrThrow(actor, id);
  } catch (error) {
    mapPrismaError(error, "system");
  }
}

export async function deleteSystem(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "inventory:edit");
  const { id } = ZIdInput.parse(raw);
  try {
    await transaction(async (tx) => {
      const before = await tx.system.findUnique({ where: { id }, select: rowSelect });
      if (!before) throw new AppError("NOT_FOUND", "That system no longer exists.");
      const interfaces = before._count.outbound + before._count.inbound;
      if (interfaces > 0) {
        throw new AppError(
          "PRECONDITION_FAILED",
          `${before.name} still has ${interfaces} interface(s). Delete or re-point them first.`,
        );
      }
      await tx.system.delete({ where: { id } });
      await appendAudit(tx, {
        actor,
        action: "inventory.system.delete",
        entityType: "System",
        entityId: id,
        before: snapshot(before),
      });
    });
  } catch (error) {
    mapPrismaError(error, "system");
  }
}
