import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction, type Prisma } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { ZApiIdInput, ZPlanInput, ZSavePlanInput, describePlanLimits } from "@/lib/validation/api-consumers";
import { appendAudit } from "../audit";
import { notifyApiGateway } from "./notify";

export type ApiPlanRow = {
  id: string;
  key: string;
  name: string;
  description: string;
  ratePerSecond: number | null;
  burst: number | null;
  perMinute: number | null;
  perDay: number | null;
  perMonth: number | null;
  /** What the plan allows, in words: "50 req/s, bursts of 100; 10,000 per day". */
  allows: string;
  consumerCount: number;
  updatedAt: string;
};

const planSelect = {
  id: true,
  key: true,
  name: true,
  description: true,
  ratePerSecond: true,
  burst: true,
  perMinute: true,
  perDay: true,
  perMonth: true,
  updatedAt: true,
  _count: { select: { consumers: true } },
} satisfies Prisma.ApiPlanSelect;
type PlanRecord = Prisma.ApiPlanGetPayload<{ select: typeof planSelect }>;

const FIELDS = ["key", "name", "description", "ratePerSecond", "burst", "perMinute", "perDay", "perMonth"] as const;
function snapshot(p: Pick<PlanRecord, (typeof FIELDS)[number]>): Record<string, unknown> {
  return Object.fromEntries(FIELDS.map((f) => [f, p[f]]));
}

function toRow(p: PlanRecord): ApiPlanRow {
  return {
    id: p.id,
    key: p.key,
    name: p.name,
    description: p.description,
    ratePerSecond: p.ratePerSecond,
    burst: p.burst,
    perMinute: p.perMinute,
    perDay: p.perDay,
    perMonth: p.perMonth,
    allows: describePlanLimits(p),
    consumerCount: p._count.consumers,
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** Every plan, by name: plans are few (a handful of tiers), so there is no paging. */
export async function listApiPlans(actor: Actor): Promise<ApiPlanRow[]> {
  assertCan(actor, "api:read");
  const plans = await db().apiPlan.findMany({ select: planSelect, orderBy: [{ name: "asc" }, { id: "asc" }] });
  return plans.map(toRow);
}

export async function getApiPlanOrThrow(actor: Actor, id: string): Promise<ApiPlanRow> {
  assertCan(actor, "api:read");
  const plan = await db().apiPlan.findUnique({ where: { id }, select: planSelect });
  if (!plan) throw new AppError("NOT_FOUND", "That plan does not exist (it may have been deleted).");
  return toRow(plan);
}

export async function createApiPlan(actor: Actor, raw: unknown): Promise<ApiPlanRow> {
  assertCan(actor, "api:keys");
  const input = ZPlanInput.parse(raw);
  try {
    const created = await transaction(async (tx) => {
      const plan = await tx.apiPlan.create({ data: input, select: planSelect });
      await appendAudit(tx, {
        actor,
        action: "api.plan.create",
        entityType: "ApiPlan",
        entityId: plan.id,
        after: snapshot(plan),
      });
      await notifyApiGateway(tx);
      return plan;
    });
    return toRow(created);
  } catch (error) {
    mapPrismaError(error, "plan");
  }
}

/** Changing a plan changes the limits of every consumer on it; the gateway reloads on commit. */
export async function updateApiPlan(actor: Actor, raw: unknown): Promise<ApiPlanRow> {
  assertCan(actor, "api:keys");
  const parsed = ZSavePlanInput.parse(raw);
  const { id, ...input } = parsed;
  if (!id) throw new AppError("BAD_REQUEST", "Say which plan to change.");
  try {
    const updated = await transaction(async (tx) => {
      const before = await tx.apiPlan.findUnique({ where: { id }, select: planSelect });
      if (!before) throw new AppError("NOT_FOUND", "That plan no longer exists.");
      if (FIELDS.every((f) => before[f] === input[f])) return before;
      const plan = await tx.apiPlan.update({ where: { id }, data: input, select: planSelect });
      await appendAudit(tx, {
        actor,
        action: "api.plan.update",
        entityType: "ApiPlan",
        entityId: id,
        before: snapshot(before),
        after: snapshot(plan),
      });
      await notifyApiGateway(tx);
      return plan;
    });
    return toRow(updated);
  } catch (error) {
    mapPrismaError(error, "plan");
  }
}

/** Refused while any consumer (enabled or disabled) is on the plan: move them to another plan first. */
export async function deleteApiPlan(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "api:keys");
  const { id } = ZApiIdInput.parse(raw);
  try {
    await transaction(async (tx) => {
      const before = await tx.apiPlan.findUnique({ where: { id }, select: planSelect });
      if (!before) throw new AppError("NOT_FOUND", "That plan no longer exists.");
      const users = before._count.consumers;
      if (users > 0) {
        throw new AppError(
          "CONFLICT",
          `${before.name} is the plan of ${users} consumer${users === 1 ? "" : "s"}. Move ${users === 1 ? "it" : "them"} to another plan first.`,
        );
      }
      await tx.apiPlan.delete({ where: { id } });
      await appendAudit(tx, {
        actor,
        action: "api.plan.delete",
        entityType: "ApiPlan",
        entityId: id,
        before: snapshot(before),
      });
      await notifyApiGateway(tx);
    });
  } catch (error) {
    mapPrismaError(error, "plan");
  }
}
