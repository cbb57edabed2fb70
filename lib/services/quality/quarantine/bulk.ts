import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { appendAudit } from "../../audit";
import { markPendingTx } from "./review";
import {
  QUARANTINE_BULK_CHUNK,
  ZQuarantineBulkJobInput,
  ZQuarantineFilter,
  ZStartQuarantineBulkInput,
  type TQuarantineFilter,
} from "./schema";
import { quarantineWhere } from "./where";

// Resubmit or reject every pending entry matching the review list's filter, not only a page. Starting
// fixes an instant (`asOf`) and the count, in a QuarantineBulkJob row; the page then asks for chunks,
// each one transaction that moves the job's cursor and its done/failed counts, so progress is durable
// and visible to anyone, and an interrupted job resumes where it stopped. Entries arriving after
// `asOf` are not swept in, and an entry this job already handled (say its resubmission failed back
// to pending) is not taken again. A page view never runs a chunk: only a click does.

export type QuarantineBulkJobView = {
  id: string;
  action: "resubmit" | "reject";
  status: "running" | "completed" | "cancelled";
  filter: TQuarantineFilter;
  reason: string | null;
  total: number;
  done: number;
  failed: number;
  requestedByEmail: string;
  createdAt: string;
  finishedAt: string | null;
};

type TJobRow = Prisma.QuarantineBulkJobGetPayload<object>;

function toView(j: TJobRow): QuarantineBulkJobView {
  return {
    id: j.id,
    action: j.action,
    status: j.status,
    filter: j.filter as TQuarantineFilter,
    reason: j.reason,
    total: j.total,
    done: j.done,
    failed: j.failed,
    requestedByEmail: j.requestedByEmail,
    createdAt: j.createdAt.toISOString(),
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

/** Pending entries matching the filter that existed at `asOf` and this job has not handled. */
async function jobWhere(
  filter: TQuarantineFilter,
  requestedBy: string | null,
  asOf: Date,
  jobId: string | null,
): Promise<Prisma.QuarantineEntryWhereInput> {
  const f = ZQuarantineFilter.parse(filter);
  const base = await quarantineWhere({ q: f.q, filters: { ...f.filters, status: "pending" } }, requestedBy);
  return {
    AND: [
      base,
      { createdAt: { lte: asOf } },
      ...(jobId ? [{ OR: [{ bulkJobId: null }, { bulkJobId: { not: jobId } }] }] : []),
    ],
  };
}

/** Counts what matches now and records the job; nothing changes on any entry yet. */
export async function startQuarantineBulk(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<QuarantineBulkJobView> {
  assertCan(actor, "quality:review");
  const input = ZStartQuarantineBulkInput.parse(raw);
  const filter = ZQuarantineFilter.parse(input.filter);
  const total = await db().quarantineEntry.count({ where: await jobWhere(filter, actor.id, now, null) });
  if (total === 0) throw new AppError("PRECONDITION_FAILED", "No pending quarantine entries match this filter.");
  const job = await transaction(async (tx) => {
    const created = await tx.quarantineBulkJob.create({
      data: {
        action: input.action,
        filter: filter as Prisma.InputJsonValue,
        reason: input.reason ?? null,
        asOf: now,
        total,
        requestedBy: actor.id,
        requestedByEmail: actor.email,
      },
    });
    await appendAudit(tx, {
      actor,
      action: "quarantine.bulk_start",
      entityType: "QuarantineBulkJob",
      entityId: created.id,
      after: { action: input.action, total, filter, reason: input.reason ?? null },
    });
    return created;
  });
  return toView(job);
}

/**
 * One chunk of a running job: up to QUARANTINE_BULK_CHUNK entries after the cursor, in one
 * transaction with the job row locked (two tabs driving the same job take turns, never the same entries).
 */
export async function runQuarantineBulkChunk(actor: Actor, raw: unknown): Promise<QuarantineBulkJobView> {
  assertCan(actor, "quality:review");
  const { jobId } = ZQuarantineBulkJobInput.parse(raw);
  return transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "QuarantineBulkJob" WHERE "id" = ${jobId} FOR UPDATE`;
    const job = await tx.quarantineBulkJob.findUnique({ where: { id: jobId } });
    if (!job) throw new AppError("NOT_FOUND", "That bulk job does not exist.");
    if (job.status !== "running") return toView(job);
    const where = await jobWhere(job.filter as TQuarantineFilter, job.requestedBy, job.asOf, job.id);
    const rows = await tx.quarantineEntry.findMany({
      where: job.cursor ? { AND: [where, { id: { gt: job.cursor } }] } : where,
      select: { id: true },
      orderBy: { id: "asc" },
      take: QUARANTINE_BULK_CHUNK,
    });
    const ids = rows.map((r) => r.id);
    const result = await markPendingTx(
      tx,
      actor,
      ids,
      { action: job.action, reason: job.reason ?? undefined, bulkJobId: job.id },
      { createdAt: { lte: job.asOf } },
    );
    const isLast = ids.length < QUARANTINE_BULK_CHUNK;
    const updated = await tx.quarantineBulkJob.update({
      where: { id: job.id },
      data: {
        done: { increment: result.done.length },
        failed: { increment: result.skipped.length },
        cursor: ids.at(-1) ?? job.cursor,
        ...(isLast ? { status: "completed", finishedAt: new Date() } : {}),
      },
    });
    if (isLast)
      await appendAudit(tx, {
        actor,
        action: "quarantine.bulk_complete",
        entityType: "QuarantineBulkJob",
        entityId: job.id,
        before: { status: "running" },
        after: { status: "completed", done: updated.done, failed: updated.failed, total: updated.total },
      });
    return toView(updated);
  }, 120_000);
}

/** Stops a running job after the chunk in flight; what is done stays done. */
export async function cancelQuarantineBulk(actor: Actor, raw: unknown): Promise<QuarantineBulkJobView> {
  assertCan(actor, "quality:review");
  const { jobId } = ZQuarantineBulkJobInput.parse(raw);
  return transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "QuarantineBulkJob" WHERE "id" = ${jobId} FOR UPDATE`;
    const job = await tx.quarantineBulkJob.findUnique({ where: { id: jobId } });
    if (!job) throw new AppError("NOT_FOUND", "That bulk job does not exist.");
    if (job.status !== "running") return toView(job);
    const updated = await tx.quarantineBulkJob.update({
      where: { id: jobId },
      data: { status: "cancelled", finishedAt: new Date() },
    });
    await appendAudit(tx, {
      actor,
      action: "quarantine.bulk_cancel",
      entityType: "QuarantineBulkJob",
      entityId: jobId,
      before: { status: "running" },
      after: { status: "cancelled", done: updated.done, failed: updated.failed, total: updated.total },
    });
    return toView(updated);
  });
}

export async function getQuarantineBulkJob(actor: Actor, raw: unknown): Promise<QuarantineBulkJobView> {
  assertCan(actor, "quality:read");
  const { jobId } = ZQuarantineBulkJobInput.parse(raw);
  const job = await db().quarantineBulkJob.findUnique({ where: { id: jobId } });
  if (!job) throw new AppError("NOT_FOUND", "That bulk job does not exist.");
  return toView(job);
}

/** Recent bulk jobs, running ones first: the page offers to resume those. */
export async function recentQuarantineBulkJobs(actor: Actor, take = 5): Promise<QuarantineBulkJobView[]> {
  assertCan(actor, "quality:read");
  const jobs = await db().quarantineBulkJob.findMany({
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    take,
  });
  return jobs.map(toView);
}
