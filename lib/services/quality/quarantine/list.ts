import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import { valueForViewer } from "../privacy/view-masking";
import type { TQuarantineStatus } from "./schema";
import { quarantineWhere } from "./where";

export type TQuarantineViolation = { ruleId: string; field: string; value: unknown; message: string };

export type QuarantineRow = {
  id: string;
  flowId: string;
  flowName: string;
  environmentKey: string;
  stepId: string;
  ruleSetKey: string;
  messageId: string;
  recordIndex: number;
  violations: TQuarantineViolation[];
  status: TQuarantineStatus;
  createdAt: string;
};

export type QuarantineHistory = { at: string; actorEmail: string; action: string; after: unknown };

export type QuarantineDetail = QuarantineRow & {
  flowVersionId: string;
  version: number | null;
  environmentId: string;
  ruleSetVersionId: string;
  correlationId: string;
  inputId: string;
  record: unknown;
  fixedRecord: unknown;
  fixedBy: string | null;
  fixedAt: string | null;
  resubmitRequestedBy: string | null;
  resubmitRequestedAt: string | null;
  resubmittedAt: string | null;
  resubmitMessageId: string | null;
  resubmitError: string | null;
  rejectedBy: string | null;
  rejectedAt: string | null;
  rejectReason: string | null;
  /** The run that quarantined it (its message journey), when lineage still holds it. */
  runId: string | null;
  /** The run of the resubmission, once the engine ran it. */
  resubmitRunId: string | null;
  history: QuarantineHistory[];
  /** The record is shown masked: the viewer lacks quality:sensitive and the flow carries classified fields. */
  isRecordMasked: boolean;
};

const SORTABLE = ["createdAt", "ruleSetKey", "status", "stepId"] as const;

type TEntryBase = {
  id: string;
  flowId: string;
  environmentId: string;
  stepId: string;
  ruleSetKey: string;
  messageId: string;
  recordIndex: number;
  violations: unknown;
  status: TQuarantineStatus;
  createdAt: Date;
};

/** Flow names and environment keys by id (no relations to other areas' models: plain id columns). */
async function names(flowIds: string[], environmentIds: string[]) {
  const [flows, envs] = await Promise.all([
    db().flow.findMany({ where: { id: { in: [...new Set(flowIds)] } }, select: { id: true, name: true } }),
    db().environment.findMany({ where: { id: { in: [...new Set(environmentIds)] } }, select: { id: true, key: true } }),
  ]);
  return {
    flow: new Map(flows.map((f) => [f.id, f.name])),
    env: new Map(envs.map((e) => [e.id, e.key])),
  };
}

function toRow(e: TEntryBase, n: Awaited<ReturnType<typeof names>>): QuarantineRow {
  return {
    id: e.id,
    flowId: e.flowId,
    flowName: n.flow.get(e.flowId) ?? "(deleted flow)",
    environmentKey: n.env.get(e.environmentId) ?? "?",
    stepId: e.stepId,
    ruleSetKey: e.ruleSetKey,
    messageId: e.messageId,
    recordIndex: e.recordIndex,
    violations: Array.isArray(e.violations) ? (e.violations as TQuarantineViolation[]) : [],
    status: e.status,
    createdAt: e.createdAt.toISOString(),
  };
}

/** The review list: every filter of ZQuarantineFilter, search, sort and pages. */
export async function listQuarantine(actor: Actor, query: TListQuery): Promise<ListResult<QuarantineRow>> {
  assertCan(actor, "quality:read");
  const where = await quarantineWhere({ q: query.q, filters: query.filters }, actor.id);
  const sort = pickSort(query, SORTABLE, "createdAt");
  const [rows, total] = await Promise.all([
    db().quarantineEntry.findMany({
      where,
      orderBy: [{ [sort.field]: sort.field === "createdAt" && !query.sort ? "desc" : sort.dir }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: {
        id: true,
        flowId: true,
        environmentId: true,
        stepId: true,
        ruleSetKey: true,
        messageId: true,
        recordIndex: true,
        violations: true,
        status: true,
        createdAt: true,
      },
    }),
    db().quarantineEntry.count({ where }),
  ]);
  const n = await names(
    rows.map((r) => r.flowId),
    rows.map((r) => r.environmentId),
  );
  return { rows: rows.map((r) => toRow(r, n)), total, page: query.page, pageSize: query.pageSize };
}

/** The values the filters offer: rule sets and environments that have quarantines. */
export async function quarantineFacets(actor: Actor): Promise<{ ruleSets: string[]; environments: string[] }> {
  assertCan(actor, "quality:read");
  const [sets, envs] = await Promise.all([
    db().quarantineEntry.groupBy({ by: ["ruleSetKey"], orderBy: { ruleSetKey: "asc" } }),
    db().quarantineEntry.groupBy({ by: ["environmentId"] }),
  ]);
  const keys = await db().environment.findMany({
    where: { id: { in: envs.map((e) => e.environmentId) } },
    select: { key: true },
    orderBy: { sortOrder: "asc" },
  });
  return { ruleSets: sets.map((s) => s.ruleSetKey), environments: keys.map((k) => k.key) };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function getQuarantineEntryOrThrow(actor: Actor, id: string): Promise<QuarantineDetail> {
  assertCan(actor, "quality:read");
  const e = await db().quarantineEntry.findUnique({ where: { id } });
  if (!e) throw new AppError("NOT_FOUND", "That quarantine entry does not exist.");
  const [n, version, run, resubmitRun, audit] = await Promise.all([
    names([e.flowId], [e.environmentId]),
    db().flowVersion.findUnique({ where: { id: e.flowVersionId }, select: { version: true } }),
    db().messageRun.findFirst({
      where: { messageId: e.inputId, flowId: e.flowId },
      orderBy: { startedAt: "desc" },
      select: { id: true },
    }),
    e.resubmitMessageId
      ? db().messageRun.findFirst({ where: { messageId: e.resubmitMessageId }, select: { id: true } })
      : null,
    db().auditEntry.findMany({
      where: { entityType: "QuarantineEntry", entityId: id },
      orderBy: { seq: "asc" },
      select: { at: true, actorEmail: true, action: true, after: true },
    }),
  ]);
  const at = {
    flowId: e.flowId,
    environmentId: e.environmentId,
    flowVersionId: e.flowVersionId,
    side: "input" as const,
  };
  const [record, fixed] = await Promise.all([
    valueForViewer(actor, at, e.record),
    valueForViewer(actor, at, e.fixedRecord),
  ]);
  const isRecordMasked = record.isMasked || fixed.isMasked;
  const row = toRow(e, n);
  return {
    ...row,
    violations: isRecordMasked
      ? row.violations.map((v) => ({ ...v, value: maskedValueAt(record.value, v) }))
      : row.violations,
    flowVersionId: e.flowVersionId,
    version: version?.version ?? null,
    environmentId: e.environmentId,
    ruleSetVersionId: e.ruleSetVersionId,
    correlationId: e.correlationId,
    inputId: e.inputId,
    record: record.value,
    fixedRecord: fixed.value ?? null,
    fixedBy: e.fixedBy,
    fixedAt: iso(e.fixedAt),
    resubmitRequestedBy: e.resubmitRequestedBy,
    resubmitRequestedAt: iso(e.resubmitRequestedAt),
    resubmittedAt: iso(e.resubmittedAt),
    resubmitMessageId: e.resubmitMessageId,
    resubmitError: e.resubmitError,
    rejectedBy: e.rejectedBy,
    rejectedAt: iso(e.rejectedAt),
    rejectReason: e.rejectReason,
    runId: run?.id ?? null,
    resubmitRunId: resubmitRun?.id ?? null,
    // A fix's audit entry holds the record: left out when the record is shown masked.
    history: audit.map((a) => ({
      at: a.at.toISOString(),
      actorEmail: a.actorEmail,
      action: a.action,
      after: isRecordMasked ? null : a.after,
    })),
    isRecordMasked,
  };
}

/**
 * A violation's value as the masked record shows it (the failing value is the record's value at the
 * field); a path it cannot follow gives "[masked]" rather than the clear value.
 */
function maskedValueAt(masked: unknown, v: TQuarantineViolation): unknown {
  if (v.value === null || v.value === undefined) return v.value;
  let cur: unknown = masked;
  for (const part of v.field.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "")) {
    if (cur === null || typeof cur !== "object") return "[masked]";
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur === undefined ? "[masked]" : cur;
}
