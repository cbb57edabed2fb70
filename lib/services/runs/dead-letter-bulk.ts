import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import {
  DLQ_BULK_BATCH,
  ZDeadLetterBulkBatchInput,
  ZDeadLetterBulkPlanInput,
  type TDeadLetterBulkBatchInput,
  type TDeadLetterBulkPlanInput,
} from "@/lib/validation/dead-letters";
import type { TListQuery } from "@/lib/validation/list";
import { assertReplayTarget, deadLetterWhere, discardTx, markForReplayTx } from "./dead-letters";

// Replay or discard every pending dead letter that matches the DLQ list's filter, not only a page.
// The plan fixes an instant (`asOf`) and counts; the client confirms that count and then asks for
// batches in id order, passing back the last id of each. A batch takes only letters that were
// already there at `asOf` and have not been asked to replay since, so letters that arrive meanwhile
// are not swept in, and a letter whose replay failed back to pending during the run is not replayed
// a second time by a later batch, by a retried batch, or by resuming after an interruption.

export type DeadLetterBulkPlan = {
  asOf: string;
  /** Pending letters matching the filter at `asOf`: what the confirmation states. */
  total: number;
  /** Flows among them; a replay to another version needs exactly one. */
  flowIds: string[];
  /** The newest version any of them failed on (a replay target must be at least as new). */
  maxFailedVersion: number | null;
};

export type DeadLetterBulkBatch = {
  done: number;
  skipped: number;
  /** Why letters were skipped, e.g. "changed meanwhile" (someone replayed or discarded them). */
  reasons: string[];
  /** Pass as `after` for the next batch; null when this was the last. */
  next: string | null;
};

/** What a bulk run may touch: matches the filter, pending, and was already there at `asOf`. */
function bulkWhere(filter: Pick<TListQuery, "q" | "filters">, asOf: Date): Prisma.DeadLetterWhereInput {
  return { AND: [deadLetterWhere(filter), { status: "pending" }, untouchedSince(asOf)] };
}

/** Not asked to replay since the run started: its replay in this run may have failed back to pending. */
function untouchedSince(asOf: Date): Prisma.DeadLetterWhereInput {
  return {
    createdAt: { lte: asOf },
    OR: [{ replayRequestedAt: null }, { replayRequestedAt: { lt: asOf } }],
  };
}

export async function planDeadLetterBulk(
  actor: Actor,
  raw: TDeadLetterBulkPlanInput,
  now = new Date(),
): Promise<DeadLetterBulkPlan> {
  assertCan(actor, "dlq:replay");
  const input = ZDeadLetterBulkPlanInput.parse(raw);
  const where = bulkWhere(input.filter, now);
  const [total, flows, newest] = await Promise.all([
    db().deadLetter.count({ where }),
    db().deadLetter.groupBy({ by: ["flowId"], where, orderBy: { flowId: "asc" } }),
    db().deadLetter.findFirst({
      where,
      orderBy: { flowVersion: { version: "desc" } },
      select: { flowVersion: { select: { version: true } } },
    }),
  ]);
  const plan: DeadLetterBulkPlan = {
    asOf: now.toISOString(),
    total,
    flowIds: flows.map((f) => f.flowId),
    maxFailedVersion: newest?.flowVersion.version ?? null,
  };
  if (input.action === "replay" && input.targetVersionId && total > 0)
    await checkBulkTarget(input.targetVersionId, plan);
  return plan;
}

/** A target version is refused up front, so a run never stops halfway on a letter it cannot replay. */
async function checkBulkTarget(targetVersionId: string, plan: DeadLetterBulkPlan): Promise<void> {
  const target = await db().flowVersion.findUnique({
    where: { id: targetVersionId },
    select: { id: true, flowId: true, version: true },
  });
  if (!target || plan.flowIds.length !== 1) {
    throw new AppError("VALIDATION", "Replaying to another version needs letters of one flow: filter by flow.", {
      fieldErrors: { targetVersionId: ["Filter by one flow, then choose one of its versions."] },
    });
  }
  assertReplayTarget(target, plan.flowIds[0], plan.maxFailedVersion ?? 0);
}

/** One batch of a bulk run: up to DLQ_BULK_BATCH letters after `after`, in one transaction. */
export async function runDeadLetterBulkBatch(
  actor: Actor,
  raw: TDeadLetterBulkBatchInput,
): Promise<DeadLetterBulkBatch> {
  assertCan(actor, "dlq:replay");
  const input = ZDeadLetterBulkBatchInput.parse(raw);
  const asOf = new Date(input.asOf);
  const where = bulkWhere(input.filter, asOf);
  const rows = await db().deadLetter.findMany({
    where: input.after ? { AND: [where, { id: { gt: input.after } }] } : where,
    select: { id: true },
    orderBy: { id: "asc" },
    take: DLQ_BULK_BATCH,
  });
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return { done: 0, skipped: 0, reasons: [], next: null };
  // The same guard again inside the UPDATE: a letter touched between the read and the write is skipped.
  const guard = untouchedSince(asOf);
  const result = await transaction(
    (tx) =>
      input.action === "replay"
        ? markForReplayTx(tx, actor, ids, input.targetVersionId, guard)
        : discardTx(tx, actor, ids, input.reason, guard),
    60_000,
  );
  return {
    done: result.done.length,
    skipped: result.skipped.length,
    reasons: [...new Set(result.skipped.map((s) => s.reason))],
    next: ids.length === DLQ_BULK_BATCH ? ids[ids.length - 1] : null,
  };
}
