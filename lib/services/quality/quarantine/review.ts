import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction, type Prisma, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { RESUBMIT_CHANNEL } from "@/lib/engine/runtime/quality/quarantine";
import { appendAudit } from "../../audit";
import { assertEditableByViewer } from "../privacy/view-masking";
import { recheckRecord, type TRecheck } from "./recheck";
import { ZFixQuarantineInput, ZQuarantineIds, ZRejectQuarantineInput } from "./schema";

export type QuarantineBatchResult = { done: string[]; skipped: { id: string; reason: string }[] };

/** Wakes the engines' resubmit loops; inside the transaction, so the notice goes out on commit. */
async function notifyEngines(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${RESUBMIT_CHANNEL}, '')`;
}

/**
 * Moves pending entries to a new status inside the caller's transaction and audits each one. The
 * pending guard (plus `guard`) is in the UPDATE itself, so a concurrent review of the same entry makes
 * this one a no-op for it ("changed meanwhile"), never a second resubmission.
 */
export async function markPendingTx(
  tx: Tx,
  actor: Actor,
  ids: string[],
  change: { action: "resubmit" | "reject"; reason?: string; bulkJobId?: string },
  guard: Prisma.QuarantineEntryWhereInput = {},
): Promise<QuarantineBatchResult> {
  const now = new Date();
  const data: Prisma.QuarantineEntryUpdateManyMutationInput =
    change.action === "resubmit"
      ? {
          status: "resubmit_requested",
          resubmitRequestedBy: actor.email,
          resubmitRequestedAt: now,
          resubmitError: null,
          bulkJobId: change.bulkJobId ?? null,
        }
      : {
          status: "rejected",
          rejectedBy: actor.email,
          rejectedAt: now,
          rejectReason: change.reason ?? "",
          bulkJobId: change.bulkJobId ?? null,
        };
  const updated = ids.length
    ? await tx.quarantineEntry.updateManyAndReturn({
        where: { AND: [{ id: { in: ids }, status: "pending" }, guard] },
        data,
        select: { id: true, fixedRecord: true },
      })
    : [];
  const marked = new Map(updated.map((u) => [u.id, u]));
  const result: QuarantineBatchResult = { done: [], skipped: [] };
  for (const id of ids) {
    const row = marked.get(id);
    if (!row) {
      result.skipped.push({ id, reason: "no longer pending" });
      continue;
    }
    await appendAudit(tx, {
      actor,
      action: change.action === "resubmit" ? "quarantine.resubmit" : "quarantine.reject",
      entityType: "QuarantineEntry",
      entityId: id,
      before: { status: "pending" },
      after:
        change.action === "resubmit"
          ? { status: "resubmit_requested", fixed: row.fixedRecord !== null, bulkJobId: change.bulkJobId ?? null }
          : { status: "rejected", reason: change.reason ?? "", bulkJobId: change.bulkJobId ?? null },
    });
    result.done.push(id);
  }
  if (change.action === "resubmit" && result.done.length) await notifyEngines(tx);
  return result;
}

/** Asks the engine to resubmit pending entries (their fix if one was saved, else the record as it was). */
export async function resubmitQuarantineEntries(actor: Actor, raw: unknown): Promise<QuarantineBatchResult> {
  assertCan(actor, "quality:review");
  const input = ZQuarantineIds.parse(raw);
  return transaction((tx) => markPendingTx(tx, actor, input.ids, { action: "resubmit" }), 60_000);
}

/** Rejects pending entries for good: they never go downstream; the row stays, with who, when and why. */
export async function rejectQuarantineEntries(actor: Actor, raw: unknown): Promise<QuarantineBatchResult> {
  assertCan(actor, "quality:review");
  const input = ZRejectQuarantineInput.parse(raw);
  return transaction((tx) => markPendingTx(tx, actor, input.ids, { action: "reject", reason: input.reason }), 60_000);
}

/** Parses the edited record, saying where the JSON breaks. */
export function parseRecordJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError("VALIDATION", "The record is not valid JSON.", {
      fieldErrors: { record: [`Not valid JSON: ${detail}. Fix the record and save again.`] },
    });
  }
}

export type TFixResult = { id: string; recheck: TRecheck | null; resubmitted: boolean };

/**
 * Saves a reviewer's fix of a pending entry. With `recheck` the fix must pass the rule set deployed
 * in the entry's environment (the pure evaluator, the same the engine runs) or nothing is saved and
 * the violations are returned as the error; with `resubmit` the engine then resubmits it.
 */
export async function fixQuarantineEntry(actor: Actor, raw: unknown): Promise<TFixResult> {
  assertCan(actor, "quality:review");
  const input = ZFixQuarantineInput.parse(raw);
  const record = parseRecordJson(input.record);
  if (record === null || typeof record !== "object")
    throw new AppError("VALIDATION", "The record must be a JSON object or array.", {
      fieldErrors: { record: ["Give the record as a JSON object (or array), as it was quarantined."] },
    });
  return transaction(async (tx) => {
    const entry = await tx.quarantineEntry.findUnique({ where: { id: input.id } });
    if (!entry) throw new AppError("NOT_FOUND", "That quarantine entry does not exist.");
    if (entry.status !== "pending")
      throw new AppError(
        "CONFLICT",
        `This entry is ${entry.status.replace("_", " ")}; only pending entries can be fixed.`,
      );
    await assertEditableByViewer(actor, entry, "record", "Resubmit or reject it as it is");
    const recheck = input.recheck ? await recheckRecord(tx, entry, record) : null;
    if (recheck?.violations.length) {
      const list = recheck.violations.map((v) => `${v.ruleId} (${v.field}): ${v.message}`);
      throw new AppError(
        "VALIDATION",
        `The fix still breaks ${recheck.violations.length} rule${recheck.violations.length === 1 ? "" : "s"} of ${entry.ruleSetKey} v${recheck.ruleSetVersion}.`,
        { fieldErrors: { record: list } },
      );
    }
    await tx.quarantineEntry.update({
      where: { id: entry.id },
      data: { fixedRecord: record as Prisma.InputJsonValue, fixedBy: actor.email, fixedAt: new Date() },
    });
    await appendAudit(tx, {
      actor,
      action: "quarantine.fix",
      entityType: "QuarantineEntry",
      entityId: entry.id,
      before: { record: entry.fixedRecord ?? entry.record },
      after: { record, rechecked: recheck ? `v${recheck.ruleSetVersion}` : "no" },
    });
    const resubmitted = input.resubmit
      ? (await markPendingTx(tx, actor, [entry.id], { action: "resubmit" })).done.length === 1
      : false;
    return { id: entry.id, recheck, resubmitted };
  }, 60_000);
}
