import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { can } from "@/lib/auth/permissions";
import { diffDocuments, type TFieldChange } from "@/lib/config-items/diff";
import { db, type Prisma, type Tx } from "@/lib/db";
import type { ChangeRiskLevel, ChangeStatus, ChangeType } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { ZListChanges } from "@/lib/validation/changes";
import { configKind } from "../config-kinds";
import { isAwaitingVotes } from "./approvals";
import type { TConflict } from "./conflicts";
import { quorumState, type TQuorumState } from "./quorum";
import type { TRiskFactor } from "./risk";

export type TChangeRow = {
  id: string;
  number: number;
  title: string;
  type: ChangeType;
  status: ChangeStatus;
  riskScore: number;
  riskLevel: ChangeRiskLevel;
  environmentKey: string;
  environmentName: string;
  windowStart: string;
  windowEnd: string;
  requestedByEmail: string;
  requestedByName: string | null;
  items: { kind: string; itemKey: string; version: number }[];
  approvals: number;
  requiredApprovals: number;
  conflictCount: number;
  createdAt: string;
};

export const changeRowInclude = {
  environment: { select: { key: true, name: true } },
  requestedBy: { select: { name: true } },
  items: { select: { kind: true, itemKey: true, version: true }, orderBy: { itemKey: "asc" } },
  approvals: { select: { decision: true } },
} as const satisfies Prisma.ChangeRequestInclude;

type TChangeRecord = Prisma.ChangeRequestGetPayload<{ include: typeof changeRowInclude }>;

export function toChangeRow(c: TChangeRecord): TChangeRow {
  return {
    id: c.id,
    number: c.number,
    title: c.title,
    type: c.type,
    status: c.status,
    riskScore: c.riskScore,
    riskLevel: c.riskLevel,
    environmentKey: c.environment.key,
    environmentName: c.environment.name,
    windowStart: c.windowStart.toISOString(),
    windowEnd: c.windowEnd.toISOString(),
    requestedByEmail: c.requestedByEmail,
    requestedByName: c.requestedBy?.name ?? null,
    items: c.items,
    approvals: c.approvals.filter((a) => a.decision === "approve").length,
    requiredApprovals: c.requiredApprovals,
    conflictCount: Array.isArray(c.conflicts) ? c.conflicts.length : 0,
    createdAt: c.createdAt.toISOString(),
  };
}

export type TChangeList = { rows: TChangeRow[]; total: number; page: number; pageSize: number };

export async function listChanges(actor: Actor, raw: unknown): Promise<TChangeList> {
  assertCan(actor, "change:read");
  const q = ZListChanges.parse(raw ?? {});
  const number = Number(q.q.replace(/^chg-?/i, ""));
  const where: Prisma.ChangeRequestWhereInput = {
    status: q.status.length ? { in: q.status } : undefined,
    type: q.type,
    riskLevel: q.riskLevel,
    environment: q.environmentKey ? { key: q.environmentKey } : undefined,
    requestedById: q.mine ? (actor.id ?? "none") : undefined,
    OR: q.q
      ? [
          { title: { contains: q.q, mode: "insensitive" } },
          { items: { some: { itemKey: { contains: q.q, mode: "insensitive" } } } },
          ...(Number.isInteger(number) && number > 0 ? [{ number }] : []),
        ]
      : undefined,
  };
  const [total, rows] = await Promise.all([
    db().changeRequest.count({ where }),
    db().changeRequest.findMany({
      where,
      include: changeRowInclude,
      orderBy: [{ createdAt: "desc" }, { number: "desc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
  ]);
  return { rows: rows.map(toChangeRow), total, page: q.page, pageSize: q.pageSize };
}

export type TChangeDetail = Omit<TChangeRow, "items" | "approvals"> & {
  description: string;
  source: string;
  model: { key: string; name: string; maxRisk: ChangeRiskLevel } | null;
  environment: { id: string; key: string; name: string; isProduction: boolean };
  rolloutPlan: string;
  rollbackPlan: string;
  riskFactors: TRiskFactor[];
  conflicts: TConflict[];
  requiresDataOwner: boolean;
  quorum: TQuorumState;
  requestedById: string | null;
  implementedBy: { id: string; name: string } | null;
  implementedAt: string | null;
  decidedAt: string | null;
  closedAt: string | null;
  pirRequired: boolean;
  pirSummary: string | null;
  pirAt: string | null;
  remindersSent: number;
  escalatedAt: string | null;
  items: {
    id: string;
    kind: string;
    kindLabel: string;
    itemId: string;
    itemKey: string;
    versionId: string;
    version: number;
    contentHash: string;
    previousVersionId: string | null;
    previousVersion: number | null;
    previousHash: string | null;
    diffSize: number;
    /** Both documents for a visual diff, and the field-by-field changes. */
    before: unknown;
    after: unknown;
    changes: TFieldChange[];
  }[];
  approvals: {
    id: string;
    userId: string;
    userName: string;
    userEmail: string;
    decision: "approve" | "reject";
    comment: string;
    asDataOwner: boolean;
    createdAt: string;
  }[];
  deployments: {
    id: string;
    flowId: string;
    flowVersionId: string;
    contentHash: string;
    deployedBy: string;
    deployedAt: string;
    activatedAt: string | null;
    supersededAt: string | null;
    rolledBackAt: string | null;
    isActive: boolean;
  }[];
  rollbackOf: { id: string; number: number; title: string } | null;
  rollbacks: { id: string; number: number; title: string; status: ChangeStatus }[];
  /** What the actor may do now, and why not when a rule forbids it (the service checks again). */
  viewer: {
    canVote: boolean;
    voteBlockedReason: string | null;
    canImplement: boolean;
    implementBlockedReason: string | null;
  };
};

export async function getChange(actor: Actor, id: string, now = new Date()): Promise<TChangeDetail> {
  assertCan(actor, "change:read");
  const c = await db().changeRequest.findUnique({
    where: { id },
    include: {
      ...changeRowInclude,
      items: { orderBy: { itemKey: "asc" } },
      approvals: { include: { user: { select: { name: true, email: true } } }, orderBy: { createdAt: "asc" } },
      model: { select: { key: true, name: true, maxRisk: true } },
      environment: { select: { id: true, key: true, name: true, isProduction: true } },
      implementedBy: { select: { id: true, name: true } },
      deployments: { orderBy: { deployedAt: "desc" } },
      rollbackOf: { select: { id: true, number: true, title: true } },
      rollbacks: { select: { id: true, number: true, title: true, status: true }, orderBy: { number: "asc" } },
    },
  });
  if (!c) throw new AppError("NOT_FOUND", "That change request does not exist.");
  const tx = db() as unknown as Tx;
  const items = await Promise.all(
    c.items.map(async (i) => {
      const kind = configKind(i.kind);
      const [next, prev] = await Promise.all([
        kind.loadVersion(tx, i.versionId),
        i.previousVersionId ? kind.loadVersion(tx, i.previousVersionId) : null,
      ]);
      const before = prev?.document ?? null;
      const after = next?.document ?? null;
      return {
        id: i.id,
        kind: i.kind,
        kindLabel: kind.label,
        itemId: i.itemId,
        itemKey: i.itemKey,
        versionId: i.versionId,
        version: i.version,
        contentHash: i.contentHash,
        previousVersionId: i.previousVersionId,
        previousVersion: prev?.version ?? null,
        previousHash: i.previousHash,
        diffSize: i.diffSize,
        before,
        after,
        changes: diffDocuments(before, after),
      };
    }),
  );
  const quorum = quorumState(c);
  const row = toChangeRow({ ...c, items: c.items, approvals: c.approvals });
  const hasVoted = c.approvals.some((a) => a.userId === actor.id);
  const voteBlockedReason = !can(actor.role, "change:approve")
    ? "Your role does not vote on changes."
    : !isAwaitingVotes(c)
      ? `The change is ${c.status}.`
      : c.requestedById && c.requestedById === actor.id
        ? "You requested this change (separation of duties)."
        : c.implementedById && c.implementedById === actor.id
          ? "You implemented this change (separation of duties)."
          : hasVoted
            ? "You have voted."
            : null;
  const isApprovedByActor = c.approvals.some((a) => a.userId === actor.id && a.decision === "approve");
  const isImplementable = c.status === "approved" || (c.type === "emergency" && c.status === "submitted");
  const implementBlockedReason = !can(actor.role, "change:implement")
    ? "Your role does not implement changes."
    : !isImplementable
      ? `The change is ${c.status}.`
      : isApprovedByActor
        ? "You approved this change (separation of duties)."
        : now < c.windowStart || now > c.windowEnd
          ? "Outside the change window."
          : null;
  return {
    ...row,
    description: c.description,
    source: c.source,
    model: c.model,
    environment: c.environment,
    rolloutPlan: c.rolloutPlan,
    rollbackPlan: c.rollbackPlan,
    riskFactors: c.riskFactors as unknown as TRiskFactor[],
    conflicts: c.conflicts as unknown as TConflict[],
    requiresDataOwner: c.requiresDataOwner,
    quorum,
    requestedById: c.requestedById,
    implementedBy: c.implementedBy,
    implementedAt: c.implementedAt?.toISOString() ?? null,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    closedAt: c.closedAt?.toISOString() ?? null,
    pirRequired: c.pirRequired,
    pirSummary: c.pirSummary,
    pirAt: c.pirAt?.toISOString() ?? null,
    remindersSent: c.remindersSent,
    escalatedAt: c.escalatedAt?.toISOString() ?? null,
    items,
    approvals: c.approvals.map((a) => ({
      id: a.id,
      userId: a.userId,
      userName: a.user.name,
      userEmail: a.user.email,
      decision: a.decision,
      comment: a.comment,
      asDataOwner: a.asDataOwner,
      createdAt: a.createdAt.toISOString(),
    })),
    deployments: c.deployments.map((d) => ({
      id: d.id,
      flowId: d.flowId,
      flowVersionId: d.flowVersionId,
      contentHash: d.contentHash,
      deployedBy: d.deployedBy,
      deployedAt: d.deployedAt.toISOString(),
      activatedAt: d.activatedAt?.toISOString() ?? null,
      supersededAt: d.supersededAt?.toISOString() ?? null,
      rolledBackAt: d.rolledBackAt?.toISOString() ?? null,
      isActive: d.activeSlot !== null,
    })),
    rollbackOf: c.rollbackOf,
    rollbacks: c.rollbacks,
    viewer: {
      canVote: voteBlockedReason === null,
      voteBlockedReason,
      canImplement: implementBlockedReason === null,
      implementBlockedReason,
    },
  };
}
