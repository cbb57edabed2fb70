import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, Prisma, transaction, type Tx } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import {
  CANDIDATE_STATUSES,
  ZCandidateInput,
  ZCandidateStatusInput,
  ZUpdateCandidateInput,
  type TCandidateStatus,
} from "@/lib/validation/prioritization";
import { appendAudit, type AuditWriter } from "../audit";
import type { Breach } from "./governance";
import { evaluateBreaches } from "./governance-records";
import { assertExisting, departmentNames } from "./references";
import { computeRoi, deriveInputsFromProcesses, type DerivedInputs, type RoiInputs, type RoiResult } from "./roi";

export type CandidateRow = {
  id: string;
  name: string;
  status: TCandidateStatus;
  department: string | null;
  processCount: number;
  interfaceCount: number;
  dependsOnCount: number;
  npv: number | null;
  paybackMonths: number | null;
  annualHoursSaved: number | null;
  updatedAt: string;
};

export type CandidateDetail = {
  id: string;
  name: string;
  description: string;
  status: TCandidateStatus;
  departmentId: string | null;
  department: string | null;
  effortFte: number;
  useInventoryInputs: boolean;
  stored: RoiInputs;
  /** Inputs the model actually used (inventory-derived volume/minutes/error rate when enabled). */
  inputs: RoiInputs;
  derived: DerivedInputs | null;
  roi: RoiResult;
  processes: { id: string; name: string; department: string }[];
  interfaces: { id: string; name: string; source: string; target: string; mechanism: string }[];
  dependsOn: { id: string; name: string; status: TCandidateStatus }[];
  requiredBy: { id: string; name: string }[];
  breaches: Breach[];
  updatedAt: string;
};

export const roiSelect = {
  id: true,
  useInventoryInputs: true,
  volumePerMonth: true,
  manualMinutesPerTxn: true,
  minutesPerTxnAfter: true,
  errorRate: true,
  errorRateAfter: true,
  costPerError: true,
  loadedCostPerHour: true,
  buildCost: true,
  runCostPerYear: true,
  discountRate: true,
  years: true,
  processes: { select: { processId: true } },
} satisfies Prisma.IntegrationCandidateSelect;
type RoiRecord = Prisma.IntegrationCandidateGetPayload<{ select: typeof roiSelect }>;

function storedInputs(c: RoiRecord): RoiInputs {
  return {
    volumePerMonth: c.volumePerMonth,
    manualMinutesPerTxn: c.manualMinutesPerTxn,
    minutesPerTxnAfter: c.minutesPerTxnAfter,
    errorRate: c.errorRate,
    errorRateAfter: c.errorRateAfter,
    costPerError: c.costPerError,
    loadedCostPerHour: c.loadedCostPerHour,
    buildCost: c.buildCost,
    runCostPerYear: c.runCostPerYear,
    discountRate: c.discountRate,
    years: c.years,
  };
}

/** ROI for many candidates with one inventory query; the same rule as the detail page. */
export async function roiFor(
  records: RoiRecord[],
): Promise<Map<string, { inputs: RoiInputs; derived: DerivedInputs | null; roi: RoiResult }>> {
  const processIds = [
    ...new Set(records.filter((r) => r.useInventoryInputs).flatMap((r) => r.processes.map((p) => p.processId))),
  ];
  const processes = processIds.length
    ? await db().businessProcess.findMany({
        where: { id: { in: processIds } },
        select: { id: true, name: true, volumePerMonth: true, manualMinutesPerTxn: true, errorRatePct: true },
      })
    : [];
  const byId = new Map(processes.map((p) => [p.id, p]));
  const out = new Map<string, { inputs: RoiInputs; derived: DerivedInputs | null; roi: RoiResult }>();
  for (const r of records) {
    const stored = storedInputs(r);
    const facts = r.useInventoryInputs
      ? r.processes
          .map((l) => byId.get(l.processId))
          .filter((p): p is NonNullable<typeof p> => Boolean(p))
          .map((p) => ({
            name: p.name,
            volumePerMonth: p.volumePerMonth,
            manualMinutesPerTxn: p.manualMinutesPerTxn,
            errorRate: p.errorRatePct / 100,
          }))
      : [];
    const derived = deriveInputsFromProcesses(facts);
    const inputs = derived
      ? {
          ...stored,
          volumePerMonth: derived.volumePerMonth,
          manualMinutesPerTxn: derived.manualMinutesPerTxn,
          errorRate: derived.errorRate,
        }
      : stored;
    out.set(r.id, { inputs, derived, roi: computeRoi(inputs) });
  }
  return out;
}

const SORTABLE = ["name", "status", "updatedAt"] as const;

export async function listCandidates(actor: Actor, query: TListQuery): Promise<ListResult<CandidateRow>> {
  assertCan(actor, "candidate:read");
  const and: Prisma.IntegrationCandidateWhereInput[] = [];
  if (query.q)
    and.push({
      OR: [
        { name: { contains: query.q, mode: "insensitive" } },
        { description: { contains: query.q, mode: "insensitive" } },
      ],
    });
  const status = query.filters.status;
  if (status && (CANDIDATE_STATUSES as readonly string[]).includes(status))
    and.push({ status: status as TCandidateStatus });
  if (query.filters.department) and.push({ departmentId: query.filters.department });
  const where = { AND: and };
  const sort = pickSort(query, SORTABLE, "name");
  const [rows, total] = await Promise.all([
    db().integrationCandidate.findMany({
      where,
      select: {
        ...roiSelect,
        name: true,
        status: true,
        departmentId: true,
        updatedAt: true,
        _count: { select: { interfaces: true, dependsOn: true } },
      },
      orderBy: { [sort.field]: sort.dir },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db().integrationCandidate.count({ where }),
  ]);
  const [rois, depts] = await Promise.all([roiFor(rows), departmentNames(rows.map((r) => r.departmentId))]);
  return {
    rows: rows.map((r) => {
      const roi = rois.get(r.id)!.roi;
      return {
        id: r.id,
        name: r.name,
        status: r.status,
        department: r.departmentId ? (depts.get(r.departmentId) ?? null) : null,
        processCount: r.processes.length,
        interfaceCount: r._count.interfaces,
        dependsOnCount: r._count.dependsOn,
        npv: roi.npv.value,
        paybackMonths: roi.paybackMonths.value,
        annualHoursSaved: roi.annualHoursSaved.value,
        updatedAt: r.updatedAt.toISOString(),
      };
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getCandidateOrThrow(actor: Actor, id: string): Promise<CandidateDetail> {
  assertCan(actor, "candidate:read");
  const c = await db().integrationCandidate.findUnique({
    where: { id },
    select: {
      ...roiSelect,
      name: true,
      description: true,
      status: true,
      departmentId: true,
      effortFte: true,
      updatedAt: true,
      interfaces: { select: { interfaceId: true } },
      dependsOn: { select: { dependsOn: { select: { id: true, name: true, status: true } } } },
      requiredBy: { select: { candidate: { select: { id: true, name: true } } } },
    },
  });
  if (!c) throw new AppError("NOT_FOUND", "That candidate does not exist (it may have been deleted).");
  const processIds = c.processes.map((p) => p.processId);
  const [rois, processes, interfaces, depts, breaches] = await Promise.all([
    roiFor([c]),
    db().businessProcess.findMany({
      where: { id: { in: processIds } },
      select: { id: true, name: true, department: { select: { name: true } } },
      orderBy: { name: "asc" },
    }),
    db().interface.findMany({
      where: { id: { in: c.interfaces.map((i) => i.interfaceId) } },
      select: {
        id: true,
        name: true,
        mechanism: true,
        sourceSystem: { select: { name: true } },
        targetSystem: { select: { name: true } },
      },
      orderBy: { name: "asc" },
    }),
    departmentNames([c.departmentId]),
    evaluateBreaches(db(), processIds),
  ]);
  const r = rois.get(c.id)!;
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    status: c.status,
    departmentId: c.departmentId,
    department: c.departmentId ? (depts.get(c.departmentId) ?? null) : null,
    effortFte: c.effortFte,
    useInventoryInputs: c.useInventoryInputs,
    stored: storedInputs(c),
    inputs: r.inputs,
    derived: r.derived,
    roi: r.roi,
    processes: processes.map((p) => ({ id: p.id, name: p.name, department: p.department.name })),
    interfaces: interfaces.map((i) => ({
      id: i.id,
      name: i.name,
      source: i.sourceSystem.name,
      target: i.targetSystem.name,
      mechanism: i.mechanism,
    })),
    dependsOn: c.dependsOn.map((d) => d.dependsOn),
    requiredBy: c.requiredBy.map((d) => d.candidate),
    breaches,
    updatedAt: c.updatedAt.toISOString(),
  };
}

function toData(input: TCandidateData) {
  return {
    name: input.name,
    description: input.description,
    departmentId: input.departmentId,
    effortFte: input.effortFte,
    useInventoryInputs: input.useInventoryInputs,
    volumePerMonth: input.volumePerMonth,
    manualMinutesPerTxn: input.manualMinutesPerTxn,
    minutesPerTxnAfter: input.minutesPerTxnAfter,
    errorRate: input.errorRatePct / 100,
    errorRateAfter: input.errorRateAfterPct / 100,
    costPerError: input.costPerError,
    loadedCostPerHour: input.loadedCostPerHour,
    buildCost: input.buildCost,
    runCostPerYear: input.runCostPerYear,
    discountRate: input.discountRatePct / 100,
    years: input.years,
  };
}

async function checkReferences(tx: Tx, input: TCandidateData, selfId?: string): Promise<void> {
  await assertExisting(tx, "process", input.processIds, "processIds");
  await assertExisting(tx, "interface", input.interfaceIds, "interfaceIds");
  if (input.departmentId) await assertExisting(tx, "department", [input.departmentId], "departmentId");
  if (selfId && input.dependsOnIds.includes(selfId)) {
    throw new AppError("VALIDATION", "A candidate cannot depend on itself.", {
      fieldErrors: { dependsOnIds: ["Remove this candidate from its own dependencies."] },
    });
  }
  const deps = await tx.integrationCandidate.count({ where: { id: { in: input.dependsOnIds } } });
  if (deps !== new Set(input.dependsOnIds).size) {
    throw new AppError("VALIDATION", "Some dependencies no longer exist.", {
      fieldErrors: { dependsOnIds: ["Choose existing candidates."] },
    });
  }
}

async function writeLinks(tx: Tx, id: string, input: TCandidateData): Promise<void> {
  await tx.candidateProcess.deleteMany({ where: { candidateId: id } });
  await tx.candidateInterface.deleteMany({ where: { candidateId: id } });
  await tx.candidateDependency.deleteMany({ where: { candidateId: id } });
  await tx.candidateProcess.createMany({
    data: [...new Set(input.processIds)].map((processId) => ({ candidateId: id, processId })),
  });
  await tx.candidateInterface.createMany({
    data: [...new Set(input.interfaceIds)].map((interfaceId) => ({ candidateId: id, interfaceId })),
  });
  await tx.candidateDependency.createMany({
    data: [...new Set(input.dependsOnIds)].map((dependsOnId) => ({ candidateId: id, dependsOnId })),
  });
}

type TCandidateData = ReturnType<typeof ZCandidateInput.parse>;

const auditView = (input: TCandidateData) => ({
  ...toData(input),
  processIds: [...new Set(input.processIds)].sort().join(","),
  interfaceIds: [...new Set(input.interfaceIds)].sort().join(","),
  dependsOnIds: [...new Set(input.dependsOnIds)].sort().join(","),
});

async function currentView(tx: Tx, id: string) {
  const c = await tx.integrationCandidate.findUnique({
    where: { id },
    select: {
      ...roiSelect,
      name: true,
      description: true,
      status: true,
      departmentId: true,
      effortFte: true,
      interfaces: { select: { interfaceId: true } },
      dependsOn: { select: { dependsOnId: true } },
    },
  });
  if (!c) return null;
  const view = {
    name: c.name,
    description: c.description,
    departmentId: c.departmentId,
    effortFte: c.effortFte,
    useInventoryInputs: c.useInventoryInputs,
    ...storedInputs(c),
    processIds: c.processes
      .map((p) => p.processId)
      .sort()
      .join(","),
    interfaceIds: c.interfaces
      .map((i) => i.interfaceId)
      .sort()
      .join(","),
    dependsOnIds: c.dependsOn
      .map((d) => d.dependsOnId)
      .sort()
      .join(","),
  };
  return { status: c.status, view };
}

/**
 * Creates or updates a candidate inside the caller's transaction (forms and spreadsheet import).
 * An approved candidate is frozen; an update that changes nothing writes nothing.
 */
/** `audit` lets a spreadsheet import defer its entries, so the audit-chain lock is not held for the whole import. */
export async function saveCandidateTx(
  tx: Tx,
  actor: Actor,
  raw: unknown,
  existingId?: string,
  audit: AuditWriter = appendAudit,
): Promise<{ id: string; changed: boolean }> {
  assertCan(actor, "candidate:edit");
  const input = ZCandidateInput.parse(raw);
  await checkReferences(tx, input, existingId);
  const after = auditView(input);
  if (!existingId) {
    const c = await tx.integrationCandidate.create({
      data: { ...toData(input), createdById: actor.id },
      select: { id: true },
    });
    await writeLinks(tx, c.id, input);
    await audit(tx, { actor, action: "candidate.create", entityType: "IntegrationCandidate", entityId: c.id, after });
    return { id: c.id, changed: true };
  }
  const before = await currentView(tx, existingId);
  if (!before) throw new AppError("NOT_FOUND", "That candidate no longer exists.");
  if (JSON.stringify(before.view) === JSON.stringify({ ...before.view, ...after }))
    return { id: existingId, changed: false };
  if (before.status === "approved") {
    throw new AppError(
      "PRECONDITION_FAILED",
      `"${before.view.name}" is approved and cannot be edited; move it back to proposed first.`,
    );
  }
  await tx.integrationCandidate.update({ where: { id: existingId }, data: toData(input) });
  await writeLinks(tx, existingId, input);
  await audit(tx, {
    actor,
    action: "candidate.update",
    entityType: "IntegrationCandidate",
    entityId: existingId,
    before: before.view,
    after,
  });
  return { id: existingId, changed: true };
}

export async function createCandidate(actor: Actor, raw: unknown): Promise<{ id: string }> {
  assertCan(actor, "candidate:edit");
  try {
    return await transaction(async (tx) => ({ id: (await saveCandidateTx(tx, actor, raw)).id }));
  } catch (error) {
    mapPrismaError(error, "candidate");
  }
}

export async function updateCandidate(actor: Actor, raw: unknown): Promise<{ id: string }> {
  assertCan(actor, "candidate:edit");
  const { candidateId, ...rest } = ZUpdateCandidateInput.parse(raw);
  try {
    return await transaction(async (tx) => ({ id: (await saveCandidateTx(tx, actor, rest, candidateId)).id }));
  } catch (error) {
    mapPrismaError(error, "candidate");
  }
}

const TRANSITIONS: Record<TCandidateStatus, TCandidateStatus[]> = {
  draft: ["proposed"],
  proposed: ["draft", "approved"],
  approved: ["proposed"],
};

/**
 * Moves a candidate through draft → proposed → approved. Approval is blocked while any of its
 * processes has no standardize/customize decision (the thresholds are checked against it), or
 * breaches a governance rule without an approved architecture review.
 */
export async function setCandidateStatus(
  actor: Actor,
  raw: unknown,
): Promise<{ id: string; status: TCandidateStatus }> {
  const input = ZCandidateStatusInput.parse(raw);
  assertCan(actor, input.status === "approved" ? "candidate:approve" : "candidate:edit");
  return transaction(async (tx) => {
    const c = await tx.integrationCandidate.findUnique({
      where: { id: input.candidateId },
      select: { id: true, name: true, status: true, processes: { select: { processId: true } } },
    });
    if (!c) throw new AppError("NOT_FOUND", "That candidate no longer exists.");
    if (!TRANSITIONS[c.status].includes(input.status)) {
      throw new AppError(
        "CONFLICT",
        `A ${c.status} candidate cannot move to ${input.status}; allowed: ${TRANSITIONS[c.status].join(", ")}.`,
      );
    }
    if (input.status === "approved") {
      const processIds = c.processes.map((p) => p.processId);
      const decided = new Set(
        (
          await tx.processDecision.findMany({ where: { processId: { in: processIds } }, select: { processId: true } })
        ).map((d) => d.processId),
      );
      const undecidedIds = processIds.filter((id) => !decided.has(id));
      // Names only for the error message: no query when every process has its decision.
      const undecided = undecidedIds.length
        ? await tx.businessProcess.findMany({
            where: { id: { in: undecidedIds } },
            select: { name: true },
            orderBy: { name: "asc" },
          })
        : [];
      if (undecided.length > 0) {
        throw new AppError(
          "PRECONDITION_FAILED",
          `Approval needs a standardize or customize decision, with its rationale, for every process of the candidate; record one for: ${undecided.map((p) => p.name).join(", ")}.`,
        );
      }
      const open = (await evaluateBreaches(tx, processIds)).filter((b) => !b.isResolved);
      if (open.length > 0) {
        throw new AppError(
          "PRECONDITION_FAILED",
          `Approval is blocked until an architecture review is recorded: ${open.map((b) => b.message).join(" ")}`,
        );
      }
    }
    await tx.integrationCandidate.update({ where: { id: c.id }, data: { status: input.status } });
    await appendAudit(tx, {
      actor,
      action: "candidate.status",
      entityType: "IntegrationCandidate",
      entityId: c.id,
      before: { status: c.status },
      after: { status: input.status },
    });
    return { id: c.id, status: input.status };
  });
}

/** The candidate form's short lists; processes, interfaces and dependencies are searched (lookups.ts). */
export type CandidateFormOptions = {
  departments: { id: string; name: string }[];
};

export async function candidateFormOptions(actor: Actor): Promise<CandidateFormOptions> {
  assertCan(actor, "candidate:read");
  const departments = await db().department.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  return { departments };
}

/** Every candidate by name (a scoring session's checklist). */
export async function candidateNames(actor: Actor): Promise<{ id: string; name: string }[]> {
  assertCan(actor, "candidate:read");
  return db().integrationCandidate.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}
