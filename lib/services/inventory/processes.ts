import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, Prisma, transaction, type Tx } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import {
  formatPainPoints,
  SEVERITIES,
  ZIdInput,
  ZProcessInput,
  ZUpdateProcessInput,
  type TPainPoint,
  type TProcessInput,
  type TSeverity,
} from "@/lib/validation/inventory";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import { appendAudit, type AuditWriter } from "../audit";
import { ensureDepartment, resolveOwner, worstSeverity } from "./shared";

export type ProcessRow = {
  id: string;
  name: string;
  departmentId: string;
  department: string;
  owner: string;
  volumePerMonth: number;
  manualMinutesPerTxn: number;
  errorRatePct: number;
  cycleTimeHours: number;
  worstSeverity: TSeverity | null;
  painPointCount: number;
  systems: { id: string; name: string }[];
  updatedAt: string;
};

export type ProcessDetail = ProcessRow & {
  description: string;
  ownerName: string;
  ownerEmail: string;
  ownerUserName: string | null;
  painPoints: TPainPoint[];
  /** Annual manual hours: volume × minutes × 12 / 60; the input prioritization's ROI starts from. */
  annualManualHours: number;
  createdAt: string;
};

const rowSelect = {
  id: true,
  name: true,
  departmentId: true,
  department: { select: { name: true } },
  ownerId: true,
  owner: { select: { name: true, email: true } },
  ownerName: true,
  description: true,
  volumePerMonth: true,
  manualMinutesPerTxn: true,
  errorRatePct: true,
  cycleTimeHours: true,
  painPoints: { select: { severity: true, description: true, tags: true }, orderBy: { position: "asc" } },
  systems: { select: { system: { select: { id: true, name: true } } } },
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.BusinessProcessSelect;
type ProcessRecord = Prisma.BusinessProcessGetPayload<{ select: typeof rowSelect }>;

function toRow(p: ProcessRecord): ProcessRow {
  return {
    id: p.id,
    name: p.name,
    departmentId: p.departmentId,
    department: p.department.name,
    owner: p.owner?.name ?? p.ownerName,
    volumePerMonth: p.volumePerMonth,
    manualMinutesPerTxn: p.manualMinutesPerTxn,
    errorRatePct: p.errorRatePct,
    cycleTimeHours: p.cycleTimeHours,
    worstSeverity: worstSeverity(p.painPoints.map((pp) => pp.severity)),
    painPointCount: p.painPoints.length,
    systems: p.systems.map((s) => s.system).sort((a, b) => a.name.localeCompare(b.name)),
    updatedAt: p.updatedAt.toISOString(),
  };
}

function toDetail(p: ProcessRecord): ProcessDetail {
  return {
    ...toRow(p),
    description: p.description,
    ownerName: p.ownerName,
    ownerEmail: p.owner?.email ?? "",
    ownerUserName: p.owner?.name ?? null,
    painPoints: p.painPoints,
    annualManualHours: Math.round(((p.volumePerMonth * p.manualMinutesPerTxn * 12) / 60) * 10) / 10,
    createdAt: p.createdAt.toISOString(),
  };
}

/** What the audit trail records for a process: flat, so before/after diffs read well. */
function snapshot(p: ProcessRecord): Record<string, unknown> {
  return {
    name: p.name,
    department: p.department.name,
    ownerEmail: p.owner?.email ?? "",
    ownerName: p.ownerName,
    description: p.description,
    volumePerMonth: p.volumePerMonth,
    manualMinutesPerTxn: p.manualMinutesPerTxn,
    errorRatePct: p.errorRatePct,
    cycleTimeHours: p.cycleTimeHours,
    painPoints: formatPainPoints(p.painPoints),
    systems: p.systems
      .map((s) => s.system.name)
      .sort()
      .join("; "),
  };
}

const SORTABLE = [
  "name",
  "department",
  "volumePerMonth",
  "manualMinutesPerTxn",
  "errorRatePct",
  "cycleTimeHours",
  "updatedAt",
] as const;

export function processWhere(query: Pick<TListQuery, "q" | "filters">): Prisma.BusinessProcessWhereInput {
  const and: Prisma.BusinessProcessWhereInput[] = [];
  if (query.q) {
    and.push({
      OR: [
        { name: { contains: query.q, mode: "insensitive" } },
        { description: { contains: query.q, mode: "insensitive" } },
      ],
    });
  }
  if (query.filters.department) and.push({ departmentId: query.filters.department });
  if (query.filters.system) and.push({ systems: { some: { systemId: query.filters.system } } });
  const severity = query.filters.severity as TSeverity | undefined;
  if (severity && SEVERITIES.includes(severity)) and.push({ painPoints: { some: { severity } } });
  return { AND: and };
}

export async function listProcesses(actor: Actor, query: TListQuery): Promise<ListResult<ProcessRow>> {
  assertCan(actor, "inventory:read");
  const where = processWhere(query);
  const sort = pickSort(query, SORTABLE, "name");
  const orderBy: Prisma.BusinessProcessOrderByWithRelationInput[] =
    sort.field === "department"
      ? [{ department: { name: sort.dir } }, { name: "asc" }]
      : [{ [sort.field]: sort.dir }, { id: "asc" }];
  const [rows, total] = await Promise.all([
    db().businessProcess.findMany({
      where,
      select: rowSelect,
      orderBy,
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db().businessProcess.count({ where }),
  ]);
  return { rows: rows.map(toRow), total, page: query.page, pageSize: query.pageSize };
}

export async function getProcessOrThrow(actor: Actor, id: string): Promise<ProcessDetail> {
  assertCan(actor, "inventory:read");
  const p = await db().businessProcess.findUnique({ where: { id }, select: rowSelect });
  if (!p) throw new AppError("NOT_FOUND", "That process does not exist (it may have been deleted).");
  return toDetail(p);
}

/**
 * A process input whose references are resolved: ids to write, and the names the audit trail
 * records (so a save needs no read-back).
 */
export type ResolvedProcess = Omit<TProcessInput, "department" | "ownerEmail"> & {
  departmentId: string;
  ownerId: string | null;
  labels: { department: string; ownerEmail: string; systems: string[] };
};

export async function resolveProcessInput(tx: Tx, actor: Actor, input: TProcessInput): Promise<ResolvedProcess> {
  const { department, ownerEmail, ...rest } = input;
  const systemIds = [...new Set(input.systemIds)];
  const systems = systemIds.length
    ? await tx.system.findMany({ where: { id: { in: systemIds } }, select: { name: true } })
    : [];
  if (systems.length !== systemIds.length) {
    throw new AppError("VALIDATION", "A chosen system no longer exists.", {
      fieldErrors: { systemIds: ["Reload the page and choose the systems again."] },
    });
  }
  const dept = await ensureDepartment(tx, actor, department);
  return {
    ...rest,
    systemIds,
    ownerId: await resolveOwner(tx, ownerEmail),
    departmentId: dept.id,
    labels: { department: dept.name, ownerEmail, systems: systems.map((s) => s.name) },
  };
}

/** Current state of processes about to be saved, keyed by id; one query for a whole import. */
export async function loadProcessesTx(
  tx: Tx,
  where: Prisma.BusinessProcessWhereInput,
): Promise<Map<string, ProcessRecord>> {
  const rows = await tx.businessProcess.findMany({ where, select: rowSelect });
  return new Map(rows.map((r) => [r.id, r]));
}
export type { ProcessRecord };

/**
 * Creates or replaces one process inside the caller's transaction and audits it. Returns whether
 * anything changed, so a re-import of an unchanged export writes nothing and logs nothing.
 */
export async function saveProcessTx(
  tx: Tx,
  actor: Actor,
  data: ResolvedProcess,
  before: ProcessRecord | null,
  audit: AuditWriter = appendAudit,
): Promise<{ id: string; changed: boolean }> {
  if (before && unchanged(before, data)) return { id: before.id, changed: false };
  const fields = {
    name: data.name,
    departmentId: data.departmentId,
    ownerId: data.ownerId,
    ownerName: data.ownerName,
    description: data.description,
    volumePerMonth: data.volumePerMonth,
    manualMinutesPerTxn: data.manualMinutesPerTxn,
    errorRatePct: data.errorRatePct,
    cycleTimeHours: data.cycleTimeHours,
  };
  let id: string;
  if (before) {
    await tx.painPoint.deleteMany({ where: { processId: before.id } });
    await tx.processSystem.deleteMany({ where: { processId: before.id } });
    await tx.businessProcess.update({ where: { id: before.id }, data: fields, select: { id: true } });
    id = before.id;
  } else {
    id = (await tx.businessProcess.create({ data: fields, select: { id: true } })).id;
  }
  if (data.painPoints.length)
    await tx.painPoint.createMany({ data: data.painPoints.map((p, position) => ({ ...p, position, processId: id })) });
  if (data.systemIds.length)
    await tx.processSystem.createMany({ data: data.systemIds.map((systemId) => ({ systemId, processId: id })) });
  await audit(tx, {
    actor,
    action: before ? "inventory.process.update" : "inventory.process.create",
    entityType: "BusinessProcess",
    entityId: id,
    before: before ? snapshot(before) : null,
    after: resolvedSnapshot(data),
  });
  return { id, changed: true };
}

function resolvedSnapshot(data: ResolvedProcess): Record<string, unknown> {
  return {
    name: data.name,
    department: data.labels.department,
    ownerEmail: data.labels.ownerEmail,
    ownerName: data.ownerName,
    description: data.description,
    volumePerMonth: data.volumePerMonth,
    manualMinutesPerTxn: data.manualMinutesPerTxn,
    errorRatePct: data.errorRatePct,
    cycleTimeHours: data.cycleTimeHours,
    painPoints: formatPainPoints(data.painPoints),
    systems: [...data.labels.systems].sort().join("; "),
  };
}

function unchanged(before: ProcessRecord, data: ResolvedProcess): boolean {
  const same =
    before.name === data.name &&
    before.departmentId === data.departmentId &&
    before.ownerId === data.ownerId &&
    before.ownerName === data.ownerName &&
    before.description === data.description &&
    before.volumePerMonth === data.volumePerMonth &&
    before.manualMinutesPerTxn === data.manualMinutesPerTxn &&
    before.errorRatePct === data.errorRatePct &&
    before.cycleTimeHours === data.cycleTimeHours;
  if (!same) return false;
  const beforeSystems = before.systems
    .map((s) => s.system.id)
    .sort()
    .join(",");
  if (beforeSystems !== [...data.systemIds].sort().join(",")) return false;
  return formatPainPoints(before.painPoints) === formatPainPoints(data.painPoints);
}

export async function createProcess(actor: Actor, raw: unknown): Promise<ProcessDetail> {
  assertCan(actor, "inventory:edit");
  const input = ZProcessInput.parse(raw);
  try {
    const id = await transaction(async (tx) => {
      const resolved = await resolveProcessInput(tx, actor, input);
      const clash = await tx.businessProcess.findUnique({
        where: { departmentId_name: { departmentId: resolved.departmentId, name: resolved.name } },
        select: { id: true },
      });
      if (clash) throw duplicateName(input.department);
      return (await saveProcessTx(tx, actor, resolved, null)).id;
    });
    return getProcessOrThrow(actor, id);
  } catch (error) {
    mapPrismaError(error, "process");
  }
}

export async function updateProcess(actor: Actor, raw: unknown): Promise<ProcessDetail> {
  assertCan(actor, "inventory:edit");
  const { id, ...input } = ZUpdateProcessInput.parse(raw);
  try {
    await transaction(async (tx) => {
      const resolved = await resolveProcessInput(tx, actor, input);
      const clash = await tx.businessProcess.findUnique({
        where: { departmentId_name: { departmentId: resolved.departmentId, name: resolved.name } },
        select: { id: true },
      });
      if (clash && clash.id !== id) throw duplicateName(input.department);
      const before = await tx.businessProcess.findUnique({ where: { id }, select: rowSelect });
      if (!before) throw new AppError("NOT_FOUND", "That process no longer exists.");
      await saveProcessTx(tx, actor, resolved, before);
    });
    return getProcessOrThrow(actor, id);
  } catch (error) {
    mapPrismaError(error, "process");
  }
}

function duplicateName(department: string): AppError {
  return new AppError("CONFLICT", `${department} already has a process with this name.`, {
    fieldErrors: { name: [`${department} already has a process with this name; choose another name.`] },
  });
}

export async function deleteProcess(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "inventory:edit");
  const { id } = ZIdInput.parse(raw);
  try {
    await transaction(async (tx) => {
      const before = await tx.businessProcess.findUnique({ where: { id }, select: rowSelect });
      if (!before) throw new AppError("NOT_FOUND", "That process no longer exists.");
      await tx.businessProcess.delete({ where: { id } });
      await appendAudit(tx, {
        actor,
        action: "inventory.process.delete",
        entityType: "BusinessProcess",
        entityId: id,
        before: snapshot(before),
      });
    });
  } catch (error) {
    mapPrismaError(error, "process");
  }
}
