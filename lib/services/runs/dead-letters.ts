import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction, type Prisma, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import { ZDiscardInput, ZEditAndReplayInput, ZReplayInput } from "@/lib/validation/flows";
import { appendAudit, type AuditInput } from "../audit";
import { assertEditableByViewer, payloadForViewer } from "../quality/privacy/view-masking";

export type DeadLetterStatus = "pending" | "replay_requested" | "replayed" | "discarded";

export type DeadLetterRow = {
  id: string;
  flowId: string;
  flowName: string;
  version: number;
  environmentKey: string;
  messageId: string;
  correlationId: string;
  runId: string | null;
  failedStep: string;
  error: string;
  errorKind: string;
  status: DeadLetterStatus;
  createdAt: string;
};

export type DeadLetterDetail = DeadLetterRow & {
  flowVersionId: string;
  originalBody: string;
  originalHeaders: unknown;
  contentType: string;
  contentEncoding: string;
  attemptHistory: { attempt?: number; at?: string; step?: string; error?: string; durationMs?: number }[];
  replayBody: string | null;
  replayVersion: number | null;
  replayRequestedBy: string | null;
  replayRequestedAt: string | null;
  replayedAt: string | null;
  replayMessageId: string | null;
  replayError: string | null;
  discardedBy: string | null;
  discardedAt: string | null;
  /** Versions of the same flow at or after the failed one: valid replay targets. */
  replayTargets: { id: string; version: number }[];
  /** The bodies are masked: the viewer lacks quality:sensitive and the flow carries classified fields. */
  isPayloadMasked: boolean;
};

const include = {
  flow: { select: { name: true } },
  flowVersion: { select: { version: true } },
  environment: { select: { key: true } },
} as const;
type Record_ = Prisma.DeadLetterGetPayload<{ include: typeof include }>;

function toRow(d: Record_): DeadLetterRow {
  return {
    id: d.id,
    flowId: d.flowId,
    flowName: d.flow.name,
    version: d.flowVersion.version,
    environmentKey: d.environment.key,
    messageId: d.messageId,
    correlationId: d.correlationId,
    runId: d.runId,
    failedStep: d.failedStep,
    error: d.error,
    errorKind: d.errorKind,
    status: d.status,
    createdAt: d.createdAt.toISOString(),
  };
}

const SORTABLE = ["createdAt", "failedStep", "status"] as const;
const STATUSES: readonly DeadLetterStatus[] = ["pending", "replay_requested", "replayed", "discarded"];

/** The list's filter as a where clause; status defaults to pending ("all" lifts it). Bulk actions reuse it. */
export function deadLetterWhere(query: Pick<TListQuery, "q" | "filters">): Prisma.DeadLetterWhereInput {
  const and: Prisma.DeadLetterWhereInput[] = [];
  const f = query.filters;
  if (f.flow) and.push({ flowId: f.flow });
  if (f.environment) and.push({ environment: { key: f.environment } });
  if (f.step) and.push({ failedStep: f.step });
  if (f.errorKind) and.push({ errorKind: f.errorKind });
  and.push({
    status: STATUSES.includes(f.status as DeadLetterStatus)
      ? (f.status as DeadLetterStatus)
      : f.status === "all"
        ? undefined
        : "pending",
  });
  if (query.q) {
    and.push({
      OR: [
        { error: { contains: query.q, mode: "insensitive" } },
        { messageId: { contains: query.q } },
        { correlationId: { contains: query.q } },
      ],
    });
  }
  return { AND: and };
}

/** The dead letter channel, filterable by flow, environment, failed step, status and error text (`q`). */
export async function listDeadLetters(actor: Actor, query: TListQuery): Promise<ListResult<DeadLetterRow>> {
  assertCan(actor, "flow:read");
  const where = deadLetterWhere(query);
  const sort = pickSort(query, SORTABLE, "createdAt");
  const [rows, total] = await Promise.all([
    db().deadLetter.findMany({
      where,
      include,
      orderBy: [{ [sort.field]: sort.field === "createdAt" && !query.sort ? "desc" : sort.dir }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db().deadLetter.count({ where }),
  ]);
  return { rows: rows.map(toRow), total, page: query.page, pageSize: query.pageSize };
}

export async function getDeadLetterOrThrow(actor: Actor, id: string): Promise<DeadLetterDetail> {
  assertCan(actor, "flow:read");
  const d = await db().deadLetter.findUnique({ where: { id }, include });
  if (!d) throw new AppError("NOT_FOUND", "That dead letter does not exist.");
  const at = {
    flowId: d.flowId,
    environmentId: d.environmentId,
    flowVersionId: d.flowVersionId,
    side: "input" as const,
  };
  const [targets, replayVersion, original, replay] = await Promise.all([
    db().flowVersion.findMany({
      where: { flowId: d.flowId, version: { gte: d.flowVersion.version } },
      orderBy: { version: "asc" },
      select: { id: true, version: true },
    }),
    d.replayFlowVersionId
      ? db().flowVersion.findUnique({ where: { id: d.replayFlowVersionId }, select: { version: true } })
      : null,
    // JSON bodies are stored with contentEncoding "json" and text ones with "utf8": both are masked.
    d.contentEncoding !== "base64"
      ? payloadForViewer(actor, at, d.originalBody)
      : { text: d.originalBody, isMasked: false },
    payloadForViewer(actor, at, d.replayBody),
  ]);
  return {
    ...toRow(d),
    flowVersionId: d.flowVersionId,
    originalBody: original.text ?? "",
    originalHeaders: d.originalHeaders,
    contentType: d.contentType,
    contentEncoding: d.contentEncoding,
    attemptHistory: Array.isArray(d.attemptHistory) ? (d.attemptHistory as DeadLetterDetail["attemptHistory"]) : [],
    replayBody: replay.text,
    replayVersion: replayVersion?.version ?? null,
    replayRequestedBy: d.replayRequestedBy,
    replayRequestedAt: d.replayRequestedAt?.toISOString() ?? null,
    replayedAt: d.replayedAt?.toISOString() ?? null,
    replayMessageId: d.replayMessageId,
    replayError: d.replayError,
    discardedBy: d.discardedBy,
    discardedAt: d.discardedAt?.toISOString() ?? null,
    replayTargets: targets,
    isPayloadMasked: original.isMasked || replay.isMasked,
  };
}

type ReplayTarget = { id: string; flowId: string; version: number };

async function loadTarget(tx: Tx, targetVersionId: string | undefined): Promise<ReplayTarget | null> {
  if (!targetVersionId) return null;
  const target = await tx.flowVersion.findUnique({
    where: { id: targetVersionId },
    select: { id: true, flowId: true, version: true },
  });
  if (!target) {
    throw new AppError("VALIDATION", "Replay to a version of the same flow.", {
      fieldErrors: { targetVersionId: ["Choose a version of this message's flow."] },
    });
  }
  return target;
}

/** A replay may go to the failed version or a newer version of the same flow, never an older or foreign one. */
export function assertReplayTarget(target: ReplayTarget | null, flowId: string, failedVersion: number): void {
  if (!target) return;
  if (target.flowId !== flowId) {
    throw new AppError("VALIDATION", "Replay to a version of the same flow.", {
      fieldErrors: { targetVersionId: ["Choose a version of this message's flow."] },
    });
  }
  if (target.version < failedVersion) {
    throw new AppError(
      "VALIDATION",
      `Replay to version ${failedVersion} or newer; version ${target.version} is older than the one the message failed on.`,
      {
        fieldErrors: { targetVersionId: [`Choose version ${failedVersion} or newer.`] },
      },
    );
  }
}

async function checkTarget(
  tx: Tx,
  flowId: string,
  failedVersion: number,
  targetVersionId: string | undefined,
): Promise<ReplayTarget | null> {
  const target = await loadTarget(tx, targetVersionId);
  assertReplayTarget(target, flowId, failedVersion);
  return target;
}

export type BatchResult = { done: string[]; skipped: { id: string; reason: string }[] };

/** Splits ids into pending letters (in the given order) and the rest, with the reason each is skipped. */
function pendingOf<T extends { id: string; status: DeadLetterStatus }>(ids: string[], rows: T[]) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const pending: T[] = [];
  const skipped: BatchResult["skipped"] = [];
  for (const id of ids) {
    const d = byId.get(id);
    if (!d) skipped.push({ id, reason: "not found" });
    else if (d.status !== "pending") skipped.push({ id, reason: `already ${d.status.replace("_", " ")}` });
    else pending.push(d);
  }
  return { pending, skipped };
}

/**
 * One guarded UPDATE of the pending letters (status still pending, plus the caller's guard), then an audit
 * entry for each letter it took; a letter it did not take changed meanwhile and is skipped.
 */
async function markPendingTx<T extends { id: string }>(
  tx: Tx,
  actor: Actor,
  { pending, skipped }: { pending: T[]; skipped: BatchResult["skipped"] },
  guard: Prisma.DeadLetterWhereInput,
  data: Prisma.DeadLetterUpdateManyMutationInput,
  audit: (d: T) => Pick<AuditInput, "action" | "before" | "after">,
): Promise<BatchResult> {
  const updated = pending.length
    ? await tx.deadLetter.updateManyAndReturn({
        where: { AND: [{ id: { in: pending.map((d) => d.id) }, status: "pending" }, guard] },
        data,
        select: { id: true },
      })
    : [];
  const marked = new Set(updated.map((u) => u.id));
  const result: BatchResult = { done: [], skipped };
  for (const d of pending) {
    if (!marked.has(d.id)) {
      result.skipped.push({ id: d.id, reason: "changed meanwhile" });
      continue;
    }
    await appendAudit(tx, { actor, entityType: "DeadLetter", entityId: d.id, ...audit(d) });
    result.done.push(d.id);
  }
  return result;
}

/**
 * Marks pending letters replay_requested inside the caller's transaction and audits each one. The
 * status guard (plus the caller's `guard`) is in the UPDATE itself, so a concurrent replay or
 * discard of the same row makes this one a no-op for it ("changed meanwhile"), never a second replay.
 */
export async function markForReplayTx(
  tx: Tx,
  actor: Actor,
  ids: string[],
  targetVersionId: string | undefined,
  guard: Prisma.DeadLetterWhereInput = {},
): Promise<BatchResult> {
  const rows = await tx.deadLetter.findMany({ where: { id: { in: ids } }, include });
  const { pending, skipped } = pendingOf(ids, rows);
  const target = await loadTarget(tx, targetVersionId);
  // Checked for every letter before any is changed: one bad letter refuses the whole batch.
  for (const d of pending) assertReplayTarget(target, d.flowId, d.flowVersion.version);
  return markPendingTx(
    tx,
    actor,
    { pending, skipped },
    guard,
    {
      status: "replay_requested",
      replayFlowVersionId: target?.id ?? null,
      replayRequestedBy: actor.email,
      replayRequestedAt: new Date(),
      replayError: null,
    },
    (d) => ({
      action: "dlq.replay",
      before: { status: d.status },
      after: { status: "replay_requested", targetVersion: target?.version ?? d.flowVersion.version },
    }),
  );
}

/**
 * Marks pending dead letters for replay (optionally to a newer version of the flow). A trigger NOTIFYs
 * `switchboard_replays`; an engine re-publishes the original message and marks the row replayed.
 */
export async function requestReplay(actor: Actor, raw: unknown): Promise<BatchResult> {
  assertCan(actor, "dlq:replay");
  const input = ZReplayInput.parse(raw);
  return transaction((tx) => markForReplayTx(tx, actor, input.ids, input.targetVersionId), 60_000);
}

/** Replays one message with an edited payload; the audit entry keeps the payload before and after. */
export async function editAndReplay(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "dlq:replay");
  const input = ZEditAndReplayInput.parse(raw);
  await transaction(async (tx) => {
    const d = await tx.deadLetter.findUnique({ where: { id: input.id }, include });
    if (!d) throw new AppError("NOT_FOUND", "That dead letter does not exist.");
    if (d.status !== "pending")
      throw new AppError(
        "CONFLICT",
        `This message is already ${d.status.replace("_", " ")}; only pending messages can be replayed.`,
      );
    await assertEditableByViewer(actor, d, "payload", "Replay it unchanged");
    if (d.contentType.includes("json")) {
      try {
        JSON.parse(input.body);
      } catch (error) {
        throw new AppError("VALIDATION", "The payload must stay valid JSON.", {
          fieldErrors: { body: [`Not valid JSON: ${error instanceof Error ? error.message : String(error)}`] },
        });
      }
    }
    const target = await checkTarget(tx, d.flowId, d.flowVersion.version, input.targetVersionId);
    await tx.deadLetter.update({
      where: { id: d.id },
      data: {
        status: "replay_requested",
        replayBody: input.body,
        replayFlowVersionId: target?.id ?? null,
        replayRequestedBy: actor.email,
        replayRequestedAt: new Date(),
        replayError: null,
      },
    });
    await appendAudit(tx, {
      actor,
      action: "dlq.edit_replay",
      entityType: "DeadLetter",
      entityId: d.id,
      before: { status: d.status, body: d.originalBody },
      after: {
        status: "replay_requested",
        body: input.body,
        reason: input.reason,
        targetVersion: target?.version ?? d.flowVersion.version,
      },
    });
  });
}

/** Marks pending letters discarded inside the caller's transaction; the same guards as markForReplayTx. */
export async function discardTx(
  tx: Tx,
  actor: Actor,
  ids: string[],
  reason: string,
  guard: Prisma.DeadLetterWhereInput = {},
): Promise<BatchResult> {
  const rows = await tx.deadLetter.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } });
  return markPendingTx(
    tx,
    actor,
    pendingOf(ids, rows),
    guard,
    { status: "discarded", discardedBy: actor.email, discardedAt: new Date() },
    () => ({ action: "dlq.discard", before: { status: "pending" }, after: { status: "discarded", reason } }),
  );
}

/** Discards pending dead letters for good (the row stays, marked discarded, for the record). */
export async function discardDeadLetters(actor: Actor, raw: unknown): Promise<BatchResult> {
  assertCan(actor, "dlq:replay");
  const input = ZDiscardInput.parse(raw);
  return transaction((tx) => discardTx(tx, actor, input.ids, input.reason), 60_000);
}
