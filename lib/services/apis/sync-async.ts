import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { ZApiDocument } from "@/lib/apis/document";
import { listOperations, operationLabel } from "@/lib/apis/openapi/operations";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { latencyOf, unsafeAggregateCalls, type TCallAggregate } from "./analytics";

export type TSyncAsync = "sync" | "async" | "either";

/** Fewer calls than this in the window and the percentiles say too little to advise on. */
export const MIN_CALLS_FOR_ADVICE = 20;
/** A p99 within this share of the budget leaves room for the backend to get slower. */
export const SYNC_HEADROOM = 0.5;
export const ADVICE_WINDOW_DAYS = 7;

export type TAdviceConsumer = { consumerId: string; name: string; latencyToleranceMs: number | null };

export type TSyncAsyncInput = {
  operation: string;
  /** Calls measured in the window. */
  calls: number;
  p95Ms: number | null;
  p99Ms: number | null;
  /** The version's document: past this the gateway answers 202 anyway. */
  syncTimeoutMs: number;
  consumers: TAdviceConsumer[];
};

export type TConsumerAdvice = {
  consumerId: string;
  name: string;
  latencyToleranceMs: number | null;
  /** min(tolerance, syncTimeoutMs): how long this consumer can be kept waiting. */
  budgetMs: number;
  recommendation: TSyncAsync;
  reason: string;
};

export type TSyncAsyncAdvice = {
  operation: string;
  recommendation: TSyncAsync;
  reason: string;
  calls: number;
  p95Ms: number | null;
  p99Ms: number | null;
  syncTimeoutMs: number;
  /** The tightest budget over the consumers (or the sync timeout when none declared a tolerance). */
  budgetMs: number;
  /** Whose tolerance sets budgetMs; null when it is the sync timeout. */
  constrainedBy: string | null;
  /** Too few calls to measure: the recommendation is "either" for want of evidence. */
  isMeasured: boolean;
  consumers: TConsumerAdvice[];
};

const ms = (v: number) =>
  v >= 10_000 ? `${(v / 1000).toFixed(0)} s` : v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`;

function judge(
  p95: number,
  p99: number,
  budget: number,
  budgetName: string,
): { recommendation: TSyncAsync; reason: string } {
  if (p95 > budget)
    return {
      recommendation: "async",
      reason: `p95 ${ms(p95)} is over ${budgetName} of ${ms(budget)}: more than 1 call in 20 would outlast it. Answer 202 with a status resource (and a callback).`,
    };
  if (p99 <= budget * SYNC_HEADROOM)
    return {
      recommendation: "sync",
      reason: `p99 ${ms(p99)} is well within ${budgetName} of ${ms(budget)} (under half of it).`,
    };
  if (p99 > budget)
    return {
      recommendation: "either",
      reason: `p95 ${ms(p95)} fits ${budgetName} of ${ms(budget)} but p99 ${ms(p99)} does not: about 1–5 calls in 100 outlast it. Keep sync with the 202 fallback, or offer async to callers that mind.`,
    };
  return {
    recommendation: "either",
    reason: `p99 ${ms(p99)} fits ${budgetName} of ${ms(budget)} with little headroom (over half of it). Sync works today; async if the backend gets slower.`,
  };
}

/**
 * Sync or async for one operation: the measured latency (p95/p99 over the window) against how long
 * each consumer is willing to wait (its declared tolerance, capped by the version's sync timeout,
 * past which the gateway answers 202 regardless). The overall answer uses the tightest budget.
 */
export function adviseSyncAsync(input: TSyncAsyncInput): TSyncAsyncAdvice {
  const timeout = input.syncTimeoutMs;
  const budgets = input.consumers.map((c) => ({
    c,
    budget: c.latencyToleranceMs != null ? Math.min(c.latencyToleranceMs, timeout) : timeout,
  }));
  const tightest = budgets
    .filter((b) => b.c.latencyToleranceMs != null && b.c.latencyToleranceMs < timeout)
    .sort((a, b) => a.budget - b.budget)[0];
  const budgetMs = tightest?.budget ?? timeout;
  const constrainedBy = tightest ? tightest.c.name : null;
  const base = {
    operation: input.operation,
    calls: input.calls,
    p95Ms: input.p95Ms,
    p99Ms: input.p99Ms,
    syncTimeoutMs: timeout,
    budgetMs,
    constrainedBy,
  };
  if (input.calls < MIN_CALLS_FOR_ADVICE || input.p95Ms === null || input.p99Ms === null) {
    const reason =
      input.calls === 0
        ? `No calls in the last ${ADVICE_WINDOW_DAYS} days, so there is no latency to compare with the ${ms(budgetMs)} budget.`
        : `Only ${input.calls} call${input.calls === 1 ? "" : "s"} in the last ${ADVICE_WINDOW_DAYS} days (${MIN_CALLS_FOR_ADVICE} needed) to measure latency reliably.`;
    return {
      ...base,
      recommendation: "either",
      reason,
      isMeasured: false,
      consumers: budgets.map(({ c, budget }) => ({
        consumerId: c.consumerId,
        name: c.name,
        latencyToleranceMs: c.latencyToleranceMs,
        budgetMs: budget,
        recommendation: "either",
        reason: "Not measured yet.",
      })),
    };
  }
  const p95 = input.p95Ms;
  const p99 = input.p99Ms;
  const overall = judge(p95, p99, budgetMs, constrainedBy ? `${constrainedBy}'s tolerance` : "the sync timeout");
  return {
    ...base,
    ...overall,
    isMeasured: true,
    consumers: budgets.map(({ c, budget }) => ({
      consumerId: c.consumerId,
      name: c.name,
      latencyToleranceMs: c.latencyToleranceMs,
      budgetMs: budget,
      ...judge(
        p95,
        p99,
        budget,
        c.latencyToleranceMs != null && c.latencyToleranceMs < timeout ? "its tolerance" : "the sync timeout",
      ),
    })),
  };
}

/**
 * Advice for every operation of a version: the operations of the revision served in production (or
 * the newest revision), plus any others the gateway saw called; latency from the last 7 days in
 * production, or in all environments for an operation production saw too few calls of; the consumers
 * that called the version in that window or hold a key for it.
 */
export async function loadSyncAsyncAdvice(
  actor: Actor,
  apiVersionId: string,
  now = new Date(),
): Promise<TSyncAsyncAdvice[]> {
  assertCan(actor, "api:read");
  const version = await db().apiVersion.findUnique({
    where: { id: apiVersionId },
    select: {
      id: true,
      deployments: {
        where: { activeSlot: { not: null } },
        select: { environment: { select: { isProduction: true } }, revision: { select: { document: true } } },
      },
      revisions: { orderBy: { number: "desc" }, take: 1, select: { document: true } },
    },
  });
  if (!version) throw new AppError("NOT_FOUND", "That API version does not exist.");
  const served =
    version.deployments.find((d) => d.environment.isProduction)?.revision.document ??
    version.revisions[0]?.document ??
    null;
  const parsed = served ? ZApiDocument.safeParse(served) : null;
  const document = parsed?.success ? parsed.data : null;
  const syncTimeoutMs = document?.syncTimeoutMs ?? ZApiDocument.shape.syncTimeoutMs.parse(undefined);
  const documented = document ? listOperations(document.openapi).map(operationLabel) : [];

  const since = new Date(now.getTime() - ADVICE_WINDOW_DAYS * 86_400_000);
  const prod = await db().environment.findFirst({ where: { isProduction: true }, select: { id: true } });
  const byOperation = (environmentId?: string) =>
    unsafeAggregateCalls(Prisma.sql`c."operation"`, { apiVersionId, environmentId, from: since, to: now });
  const [inProd, everywhere] = await Promise.all([
    prod ? byOperation(prod.id) : Promise.resolve(new Map<string, TCallAggregate>()),
    byOperation(),
  ]);
  // Production's latency where production has enough calls of the operation, else every environment's.
  const measured = new Map<string, TCallAggregate>(everywhere);
  for (const [operation, m] of inProd) if (m.calls >= MIN_CALLS_FOR_ADVICE) measured.set(operation, m);

  const callers = await db().apiCallMinute.groupBy({
    by: ["consumerId"],
    where: { apiVersionId, minute: { gte: since, lt: now }, consumerId: { not: "" } },
  });
  const consumers = await db().apiConsumer.findMany({
    where: {
      disabledAt: null,
      OR: [
        { id: { in: callers.map((c) => c.consumerId) } },
        { keys: { some: { revokedAt: null, scopes: { some: { apiVersionId } } } } },
      ],
    },
    select: { id: true, name: true, latencyToleranceMs: true },
    orderBy: { name: "asc" },
  });
  const adviceConsumers = consumers.map((c) => ({
    consumerId: c.id,
    name: c.name,
    latencyToleranceMs: c.latencyToleranceMs,
  }));

  const operations = [...new Set([...documented, ...[...measured.keys()].filter((o) => o !== "(unmatched)")])];
  return operations.map((operation) => {
    const m = measured.get(operation);
    return adviseSyncAsync({
      operation,
      calls: m?.calls ?? 0,
      p95Ms: m ? latencyOf(m).p95Ms : null,
      p99Ms: m ? latencyOf(m).p99Ms : null,
      syncTimeoutMs,
      consumers: adviceConsumers,
    });
  });
}
