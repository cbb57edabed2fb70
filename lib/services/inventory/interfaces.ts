import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, Prisma, transaction, type Tx } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import {
  FREQUENCIES,
  MECHANISMS,
  PAYLOAD_FORMATS,
  ZIdInput,
  ZInterfaceInput,
  ZUpdateInterfaceInput,
  type TDirection,
  type TFrequency,
  type TInterfaceInput,
  type TMechanism,
  type TPayloadFormat,
} from "@/lib/validation/inventory";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import { appendAudit, type AuditWriter } from "../audit";

export type InterfaceRow = {
  id: string;
  name: string;
  sourceSystemId: string;
  source: string;
  targetSystemId: string;
  target: string;
  direction: TDirection;
  mechanism: TMechanism;
  payloadFormat: TPayloadFormat;
  frequency: TFrequency;
  volumePerMonth: number;
  updatedAt: string;
};
export type InterfaceDetail = InterfaceRow & { description: string; createdAt: string };

const rowSelect = {
  id: true,
  name: true,
  sourceSystemId: true,
  sourceSystem: { select: { name: true } },
  targetSystemId: true,
  targetSystem: { select: { name: true } },
  direction: true,
  mechanism: true,
  payloadFormat: true,
  frequency: true,
  volumePerMonth: true,
  description: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.InterfaceSelect;
type InterfaceRecord = Prisma.InterfaceGetPayload<{ select: typeof rowSelect }>;

function toRow(i: InterfaceRecord): InterfaceRow {
  return {
    id: i.id,
    name: i.name,
    sourceSystemId: i.sourceSystemId,
    source: i.sourceSystem.name,
    targetSystemId: i.targetSystemId,
    target: i.targetSystem.name,
    direction: i.direction,
    mechanism: i.mechanism,
    payloadFormat: i.payloadFormat,
    frequency: i.frequency,
    volumePerMonth: i.volumePerMonth,
    updatedAt: i.updatedAt.toISOString(),
  };
}

const FIELDS = [
  "name",
  "sourceSystemId",
  "targetSystemId",
  "direction",
  "mechanism",
  "payloadFormat",
  "frequency",
  "volumePerMonth",
  "description",
] as const;
function snapshot(i: InterfaceRecord): Record<string, unknown> {
  return {
    ...Object.fromEntries(FIELDS.map((f) => [f, i[f]])),
    source: i.sourceSystem.name,
    target: i.targetSystem.name,
  };
}

const SORTABLE = [
  "name",
  "source",
  "target",
  "mechanism",
  "payloadFormat",
  "frequency",
  "volumePerMonth",
  "updatedAt",
] as const;

function pick<T extends string>(values: readonly T[], raw: string | undefined): T | undefined {
  return raw && (values as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

/** Search matches the interface name or either system's name (so "SAP" finds every SAP feed). */
export async function interfaceWhere(query: Pick<TListQuery, "q" | "filters">): Promise<Prisma.InterfaceWhereInput> {
  const and: Prisma.InterfaceWhereInput[] = [];
  if (query.q) {
    const contains = { contains: query.q, mode: "insensitive" as const };
    // Resolving matching systems first lets Postgres OR three index scans instead of filtering every row.
    // No cap: systems number in the thousands, and a cap silently dropped matching interfaces.
    const systems = await db().system.findMany({ where: { name: contains }, select: { id: true } });
    const ids = systems.map((s) => s.id);
    and.push({
      OR: [
        { name: contains },
        ...(ids.length ? [{ sourceSystemId: { in: ids } }, { targetSystemId: { in: ids } }] : []),
      ],
    });
  }
  if (query.filters.system)
    and.push({ OR: [{ sourceSystemId: query.filters.system }, { targetSystemId: query.filters.system }] });
  const mechanism = pick(MECHANISMS, query.filters.mechanism);
  if (mechanism) and.push({ mechanism });
  const frequency = pick(FREQUENCIES, query.filters.frequency);
  if (frequency) and.push({ frequency });
  const payloadFormat = pick(PAYLOAD_FORMATS, query.filters.payloadFormat);
  if (payloadFormat) and.push({ payloadFormat });
  return { AND: and };
}

export async function listInterfaces(actor: Actor, query: TListQuery): Promise<ListResult<InterfaceRow>> {
  assertCan(actor, "inventory:read");
  const where = await interfaceWhere(query);
  const sort = pickSort(query, SORTABLE, "name");
  const orderBy: Prisma.InterfaceOrderByWithRelationInput =
    sort.field === "source"
      ? { sourceSystem: { name: sort.dir } }
      : sort.field === "target"
        ? { targetSystem: { name: sort.dir } }
        : { [sort.field]: sort.dir };
  const [rows, total] = await Promise.all([
    db().interface.findMany({
      where,
      select: rowSelect,
      orderBy: [orderBy, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db().interface.count({ where }),
  ]);
  return { rows: rows.map(toRow), total, page: query.page, pageSize: query.pageSize };
}

export async function getInterfaceOrThrow(actor: Actor, id: string): Promise<InterfaceDetail> {
  assertCan(actor, "inventory:read");
  const i = await db().interface.findUnique({ where: { id }, select: rowSelect });
  if (!i) throw new AppError("NOT_FOUND", "That interface does not exist (it may have been deleted).");
  return { ...toRow(i), description: i.description, createdAt: i.createdAt.toISOString() };
}

/** Creates or replaces an interface inside the caller's transaction; unchanged input writes nothing. */
export async function saveInterfaceTx(
  tx: Tx,
  actor: Actor,
  input: TInterfaceInput,
  existingId?: string,
  audit: AuditWriter = appendAudit,
): Promise<{ id: string; changed: boolean }> {
  const before = existingId ? await tx.interface.findUnique({ where: { id: existingId }, select: rowSelect }) : null;
  if (existingId && !before) throw new AppError("NOT_FOUND", "That interface no longer exists.");
  if (before && FIELDS.every((f) => before[f] === input[f])) return { id: before.id, changed: false };
  const clash = await tx.interface.findUnique({
    where: {
      sourceSystemId_targetSystemId_name: {
        sourceSystemId: input.sourceSystemId,
        targetSystemId: input.targetSystemId,
        name: input.name,
      },
    },
    select: { id: true },
  });
  if (clash && clash.id !== before?.id) {
    throw new AppError("CONFLICT", "These two systems already have an interface with this name.", {
      fieldErrors: { name: ["These two systems already have an interface with this name; choose another name."] },
    });
  }
  const saved = before
    ? await tx.interface.update({ where: { id: before.id }, data: input, select: rowSelect })
    : await tx.interface.create({ data: input, select: rowSelect });
  await audit(tx, {
    actor,
    action: before ? "inventory.interface.update" : "inventory.interface.create",
    entityType: "Interface",
    entityId: saved.id,
    before: before ? snapshot(before) : null,
    after: snapshot(saved),
  });
  return { id: saved.id, changed: true };
}

async function assertSystemsExist(tx: Tx, input: TInterfaceInput): Promise<void> {
  const found = await tx.system.findMany({
    where: { id: { in: [input.sourceSystemId, input.targetSystemId] } },
    select: { id: true },
  });
  const ids = new Set(found.map((s) => s.id));
  const fieldErrors: Record<string, string[]> = {};
  if (!ids.has(input.sourceSystemId)) fieldErrors.sourceSystemId = ["That system no longer exists; choose another."];
  if (!ids.has(input.targetSystemId)) fieldErrors.targetSystemId = ["That system no longer exists; choose another."];
  if (Object.keys(fieldErrors).length) throw new AppError("VALIDATION", "Choose existing systems.", { fieldErrors });
}

export async function createInterface(actor: Actor, raw: unknown): Promise<InterfaceDetail> {
  assertCan(actor, "inventory:edit");
  const input = ZInterfaceInput.parse(raw);
  try {
    const { id } = await transaction(async (tx) => {
      await assertSystemsExist(tx, input);
      return saveInterfaceTx(tx, actor, input);
    });
    return getInterfaceOrThrow(actor, id);
  } catch (error) {
    mapPrismaError(error, "interface");
  }
}

export async function updateInterface(actor: Actor, raw: unknown): Promise<InterfaceDetail> {
  assertCan(actor, "inventory:edit");
  const { id, ...input } = ZUpdateInterfaceInput.parse(raw);
  try {
    await transaction(async (tx) => {
      await assertSystemsExist(tx, input);
      await saveInterfaceTx(tx, actor, input, id);
    });
    return getInterfaceOrThrow(actor, id);
  } catch (error) {
    mapPrismaError(error, "interface");
  }
}

export async function deleteInterface(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "inventory:edit");
  const { id } = ZIdInput.parse(raw);
  try {
    await transaction(async (tx) => {
      const before = await tx.interface.findUnique({ where: { id }, select: rowSelect });
      if (!before) throw new AppError("NOT_FOUND", "That interface no longer exists.");
      await tx.interface.delete({ where: { id } });
      await appendAudit(tx, {
        actor,
        action: "inventory.interface.delete",
        entityType: "Interface",
        entityId: id,
        before: snapshot(before),
      });
    });
  } catch (error) {
    mapPrismaError(error, "interface");
  }
}
