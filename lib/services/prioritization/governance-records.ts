import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction, type Prisma, type Tx } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import {
  ZArchitectureReviewInput,
  ZGovernanceRuleInput,
  ZProcessDecisionInput,
  ZUpdateGovernanceRuleInput,
} from "@/lib/validation/prioritization";
import { appendAudit } from "../audit";
import {
  evaluateGovernance,
  type Breach,
  type GovernanceMetric,
  type GovernanceOperator,
  type GovernanceRuleDef,
} from "./governance";
import { assertExisting, processNames, userNames } from "./references";

export type GovernanceRuleRow = GovernanceRuleDef & { description: string };
export type DecisionRow = {
  processId: string;
  processName: string;
  decision: "standardize" | "customize";
  customizationScore: number;
  deviationCount: number;
  rationale: string;
  decidedBy: string;
  decidedAt: string;
};
export type ReviewRow = {
  id: string;
  processId: string;
  processName: string;
  outcome: string;
  notes: string;
  reviewer: string;
  reviewedAt: string;
};
export type BreachRow = Breach & { candidates: { id: string; name: string }[] };

type Client = Tx | ReturnType<typeof db>;

function toRuleDef(r: {
  id: string;
  name: string;
  description: string;
  metric: string;
  operator: string;
  threshold: number;
  isActive: boolean;
}): GovernanceRuleRow {
  return { ...r, metric: r.metric as GovernanceMetric, operator: r.operator as GovernanceOperator };
}

export async function listGovernanceRules(actor: Actor): Promise<GovernanceRuleRow[]> {
  assertCan(actor, "governance:read");
  const rows = await db().governanceRule.findMany({ orderBy: { name: "asc" } });
  return rows.map(toRuleDef);
}

export async function createGovernanceRule(actor: Actor, raw: unknown): Promise<GovernanceRuleRow> {
  assertCan(actor, "governance:manage");
  const input = ZGovernanceRuleInput.parse(raw);
  try {
    return await transaction(async (tx) => {
      const rule = await tx.governanceRule.create({ data: input });
      await appendAudit(tx, {
        actor,
        action: "governance_rule.create",
        entityType: "GovernanceRule",
        entityId: rule.id,
        after: input,
      });
      return toRuleDef(rule);
    });
  } catch (error) {
    mapPrismaError(error, "governance rule");
  }
}

export async function updateGovernanceRule(actor: Actor, raw: unknown): Promise<GovernanceRuleRow> {
  assertCan(actor, "governance:manage");
  const { ruleId, ...input } = ZUpdateGovernanceRuleInput.parse(raw);
  try {
    return await transaction(async (tx) => {
      const before = await tx.governanceRule.findUnique({ where: { id: ruleId } });
      if (!before) throw new AppError("NOT_FOUND", "That governance rule no longer exists.");
      const rule = await tx.governanceRule.update({ where: { id: ruleId }, data: input });
      await appendAudit(tx, {
        actor,
        action: "governance_rule.update",
        entityType: "GovernanceRule",
        entityId: rule.id,
        before: toRuleDef(before),
        after: toRuleDef(rule),
      });
      return toRuleDef(rule);
    });
  } catch (error) {
    mapPrismaError(error, "governance rule");
  }
}

export async function saveProcessDecision(actor: Actor, raw: unknown, now = new Date()): Promise<void> {
  assertCan(actor, "governance:manage");
  const input = ZProcessDecisionInput.parse(raw);
  await transaction(async (tx) => {
    await assertExisting(tx, "process", [input.processId], "processId");
    const before = await tx.processDecision.findUnique({ where: { processId: input.processId } });
    const data = { ...input, decidedById: actor.id, decidedAt: now };
    const after = await tx.processDecision.upsert({
      where: { processId: input.processId },
      create: data,
      update: data,
    });
    await appendAudit(tx, {
      actor,
      action: before ? "process_decision.update" : "process_decision.create",
      entityType: "ProcessDecision",
      entityId: after.id,
      before: before
        ? {
            decision: before.decision,
            customizationScore: before.customizationScore,
            deviationCount: before.deviationCount,
            rationale: before.rationale,
          }
        : null,
      after: {
        processId: input.processId,
        decision: input.decision,
        customizationScore: input.customizationScore,
        deviationCount: input.deviationCount,
        rationale: input.rationale,
      },
    });
  });
}

export async function recordArchitectureReview(actor: Actor, raw: unknown, now = new Date()): Promise<void> {
  assertCan(actor, "governance:review");
  const input = ZArchitectureReviewInput.parse(raw);
  await transaction(async (tx) => {
    await assertExisting(tx, "process", [input.processId], "processId");
    const review = await tx.architectureReview.create({ data: { ...input, reviewerId: actor.id, reviewedAt: now } });
    await appendAudit(tx, {
      actor,
      action: "architecture_review.create",
      entityType: "ArchitectureReview",
      entityId: review.id,
      after: input,
    });
  });
}

const DECISION_SORTABLE = ["decidedAt", "customizationScore", "deviationCount"] as const;

/** Process decisions, newest first by default; `q` matches the process name, `f.decision` the kind. */
export async function listDecisions(actor: Actor, query: TListQuery): Promise<ListResult<DecisionRow>> {
  assertCan(actor, "governance:read");
  const and: Prisma.ProcessDecisionWhereInput[] = [];
  if (query.filters.decision === "standardize" || query.filters.decision === "customize")
    and.push({ decision: query.filters.decision });
  if (query.q) {
    // Decisions hold the process id only: find the processes by name first.
    const named = await db().businessProcess.findMany({
      where: { name: { contains: query.q, mode: "insensitive" } },
      select: { id: true },
    });
    and.push({ processId: { in: named.map((p) => p.id) } });
  }
  const where = { AND: and };
  const sort = pickSort(query, DECISION_SORTABLE, "decidedAt");
  const dir = sort.field === "decidedAt" && !query.sort ? "desc" : sort.dir;
  const [rows, total] = await Promise.all([
    db().processDecision.findMany({
      where,
      orderBy: [{ [sort.field]: dir }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db().processDecision.count({ where }),
  ]);
  const [names, users] = await Promise.all([
    processNames(rows.map((r) => r.processId)),
    userNames(rows.map((r) => r.decidedById)),
  ]);
  return {
    rows: rows.map((r) => ({
      processId: r.processId,
      processName: names.get(r.processId) ?? "(deleted process)",
      decision: r.decision,
      customizationScore: r.customizationScore,
      deviationCount: r.deviationCount,
      rationale: r.rationale,
      decidedBy: (r.decidedById && users.get(r.decidedById)?.name) || "system",
      decidedAt: r.decidedAt.toISOString(),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Architecture reviews, newest first, a page at a time. */
export async function listReviews(
  actor: Actor,
  { page = 1, pageSize = 20 }: { page?: number; pageSize?: number } = {},
): Promise<ListResult<ReviewRow>> {
  assertCan(actor, "governance:read");
  const [rows, total] = await Promise.all([
    db().architectureReview.findMany({
      orderBy: [{ reviewedAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db().architectureReview.count(),
  ]);
  const [names, users] = await Promise.all([
    processNames(rows.map((r) => r.processId)),
    userNames(rows.map((r) => r.reviewerId)),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      processId: r.processId,
      processName: names.get(r.processId) ?? "(deleted process)",
      outcome: r.outcome,
      notes: r.notes,
      reviewer: (r.reviewerId && users.get(r.reviewerId)?.name) || "system",
      reviewedAt: r.reviewedAt.toISOString(),
    })),
    total,
    page,
    pageSize,
  };
}

/** Breaches for the given processes (all when omitted), unresolved and resolved. */
export async function evaluateBreaches(client: Client, processIds?: string[]): Promise<Breach[]> {
  const where = processIds ? { processId: { in: processIds } } : {};
  // Sequential: `client` may be a transaction (one connection; pg deprecates overlapping queries).
  const rules = await client.governanceRule.findMany({ where: { isActive: true } });
  const decisions = await client.processDecision.findMany({ where });
  const reviews = await client.architectureReview.findMany({
    where,
    select: { processId: true, outcome: true, reviewedAt: true },
  });
  const names = await processNames(decisions.map((d) => d.processId));
  return evaluateGovernance(
    rules.map(toRuleDef),
    decisions.map((d) => ({ ...d, processName: names.get(d.processId) ?? "(deleted process)" })),
    reviews,
  );
}

export async function listBreaches(actor: Actor): Promise<BreachRow[]> {
  assertCan(actor, "governance:read");
  const breaches = await evaluateBreaches(db());
  const links = await db().candidateProcess.findMany({
    where: { processId: { in: [...new Set(breaches.map((b) => b.processId))] } },
    select: { processId: true, candidate: { select: { id: true, name: true } } },
  });
  return breaches
    .map((b) => ({ ...b, candidates: links.filter((l) => l.processId === b.processId).map((l) => l.candidate) }))
    .sort((a, b) => Number(a.isResolved) - Number(b.isResolved) || a.processName.localeCompare(b.processName));
}
