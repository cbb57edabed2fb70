import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { apiItemKey } from "@/lib/apis/document";
import { transaction, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { MAX_WAIVER_DAYS, ZCreateApiWaiver } from "@/lib/validation/apis";
import { appendAudit } from "../audit";
import { readChanges, type TApiChange } from "./changes";

/** Change statuses under which a change counts as approved for a waiver (implemented ones were approved). */
const APPROVED = ["approved", "implemented"] as const;

export type TWaiverRow = {
  id: string;
  reason: string;
  ruleIds: string[];
  expiresAt: string;
  createdBy: string;
  createdAt: string;
  change: { id: string; number: number; title: string; status: string };
  isValid: boolean;
};

export type TGateState = {
  /** The revision breaks its major's published contract and no valid waiver lets it through. */
  isBlocked: boolean;
  /** The gate applies at all: breaking changes against a revision of the same, already published, major. */
  isGated: boolean;
  reasons: TApiChange[];
  waiver: TWaiverRow | null;
  waivers: TWaiverRow[];
};

type TChangeRef = {
  id: string;
  number: number;
  title: string;
  status: string;
  items: { kind: string; versionId: string }[];
};

const bindsRevision = (change: TChangeRef, revisionId: string) =>
  change.items.some((i) => i.kind === "api" && i.versionId === revisionId);

/**
 * The breaking-change gate. Under one major, consumers rely on the published contract: a revision with
 * breaking changes against the revision it succeeds (of the same major) is blocked once that major has
 * been published anywhere. A waiver lets it through until it expires, and only while its change request
 * (which must deploy this very revision) is approved. A new major's first revision is never gated.
 */
export async function breakingGateTx(tx: Tx, revisionId: string, now = new Date()): Promise<TGateState> {
  const revision = await tx.apiRevision.findUnique({
    where: { id: revisionId },
    select: {
      id: true,
      apiVersionId: true,
      baseRevisionId: true,
      breakingCount: true,
      changes: true,
      apiVersion: { select: { publishedAt: true } },
      waivers: {
        orderBy: { createdAt: "desc" },
        include: {
          change: {
            select: {
              id: true,
              number: true,
              title: true,
              status: true,
              items: { select: { kind: true, versionId: true } },
            },
          },
        },
      },
    },
  });
  if (!revision) throw new AppError("NOT_FOUND", "That API revision does not exist.");
  const waivers: TWaiverRow[] = revision.waivers.map((w) => ({
    id: w.id,
    reason: w.reason,
    ruleIds: w.ruleIds,
    expiresAt: w.expiresAt.toISOString(),
    createdBy: w.createdBy,
    createdAt: w.createdAt.toISOString(),
    change: { id: w.change.id, number: w.change.number, title: w.change.title, status: w.change.status },
    isValid:
      w.expiresAt > now &&
      (APPROVED as readonly string[]).includes(w.change.status) &&
      bindsRevision(w.change, revision.id),
  }));
  const reasons = readChanges(revision.changes).filter((c) => c.severity === "breaking");
  const base = revision.baseRevisionId
    ? await tx.apiRevision.findUnique({ where: { id: revision.baseRevisionId }, select: { apiVersionId: true } })
    : null;
  const isSameMajor = base?.apiVersionId === revision.apiVersionId;
  const isPublished =
    revision.apiVersion.publishedAt !== null ||
    (await tx.apiDeployment.count({ where: { apiVersionId: revision.apiVersionId } })) > 0;
  const isGated = revision.breakingCount > 0 && isSameMajor && isPublished;
  const waiver = waivers.find((w) => w.isValid) ?? null;
  return { isBlocked: isGated && !waiver, isGated, reasons, waiver, waivers };
}

const where = (c: TApiChange) =>
  [
    c.base ? `base ${c.base.pointer}${c.base.line ? ` line ${c.base.line}` : ""}` : null,
    c.revision ? `revision ${c.revision.pointer}${c.revision.line ? ` line ${c.revision.line}` : ""}` : null,
  ]
    .filter(Boolean)
    .join(", ");

/** The refusal a blocked publish gets: every breaking change with its rule and places. */
export function gateRefusal(key: string, revisionNumber: number, gate: TGateState): AppError {
  const list = gate.reasons.map((c) => `[${c.id}] ${c.message}${where(c) ? ` (${where(c)})` : ""}`).join("; ");
  return new AppError(
    "PRECONDITION_FAILED",
    `Blocked: revision ${revisionNumber} breaks the published contract of ${key} with ${gate.reasons.length} breaking change${gate.reasons.length === 1 ? "" : "s"}: ${list}. Publish it as a new major version, or record a waiver bound to an approved change that deploys it.`,
  );
}

/**
 * Records a waiver for a breaking revision: a reason, an expiry (at most MAX_WAIVER_DAYS ahead) and the
 * approved change request that deploys this revision, which is what makes it an approved exception.
 */
export async function createApiBreakingWaiver(actor: Actor, raw: unknown, now = new Date()): Promise<TWaiverRow> {
  assertCan(actor, "api:publish");
  const input = ZCreateApiWaiver.parse(raw);
  if (input.expiresAt <= now)
    throw new AppError("VALIDATION", "The waiver must expire in the future.", {
      fieldErrors: { expiresAt: ["Choose a date in the future."] },
    });
  if (input.expiresAt.getTime() - now.getTime() > MAX_WAIVER_DAYS * 86_400_000)
    throw new AppError("VALIDATION", `A waiver lasts at most ${MAX_WAIVER_DAYS} days.`, {
      fieldErrors: { expiresAt: [`Choose a date within ${MAX_WAIVER_DAYS} days.`] },
    });
  return transaction(async (tx) => {
    const revision = await tx.apiRevision.findUnique({
      where: { id: input.revisionId },
      include: { apiVersion: { include: { product: { select: { key: true } } } } },
    });
    if (!revision) throw new AppError("NOT_FOUND", "That API revision does not exist.");
    const key = apiItemKey(revision.apiVersion.product.key, revision.apiVersion.major);
    const ruleIds = [
      ...new Set(
        readChanges(revision.changes)
          .filter((c) => c.severity === "breaking")
          .map((c) => c.id),
      ),
    ].sort();
    if (!ruleIds.length)
      throw new AppError(
        "PRECONDITION_FAILED",
        `Revision ${revision.number} of ${key} has no breaking changes to waive.`,
      );
    const change = await tx.changeRequest.findUnique({
      where: { id: input.changeRequestId },
      select: { id: true, number: true, title: true, status: true, items: { select: { kind: true, versionId: true } } },
    });
    if (!change)
      throw new AppError("NOT_FOUND", "That change request does not exist.", {
        fieldErrors: { changeRequestId: ["Choose an existing change request."] },
      });
    if (!bindsRevision(change, revision.id))
      throw new AppError(
        "PRECONDITION_FAILED",
        `CHG-${change.number} does not deploy revision ${revision.number} of ${key}; the waiver needs the change that does.`,
        { fieldErrors: { changeRequestId: ["Choose the change that deploys this revision."] } },
      );
    if (!(APPROVED as readonly string[]).includes(change.status))
      throw new AppError(
        "PRECONDITION_FAILED",
        `CHG-${change.number} is ${change.status}; a waiver is an approved exception, so the change must be approved first.`,
        { fieldErrors: { changeRequestId: ["The change must be approved."] } },
      );
    const waiver = await tx.apiBreakingWaiver.create({
      data: {
        revisionId: revision.id,
        changeRequestId: change.id,
        reason: input.reason,
        ruleIds,
        expiresAt: input.expiresAt,
        createdBy: actor.email,
      },
    });
    await appendAudit(tx, {
      actor,
      action: "api.waiver.create",
      entityType: "ApiBreakingWaiver",
      entityId: waiver.id,
      after: {
        key,
        revision: revision.number,
        changeRequest: `CHG-${change.number}`,
        ruleIds,
        reason: input.reason,
        expiresAt: input.expiresAt.toISOString(),
      },
    });
    return {
      id: waiver.id,
      reason: waiver.reason,
      ruleIds,
      expiresAt: waiver.expiresAt.toISOString(),
      createdBy: waiver.createdBy,
      createdAt: waiver.createdAt.toISOString(),
      change: { id: change.id, number: change.number, title: change.title, status: change.status },
      isValid: true,
    };
  });
}
