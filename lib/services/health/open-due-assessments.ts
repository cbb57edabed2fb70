import "server-only";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth";
import { db, transaction, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { appendAudit } from "../audit";
import { notifyUsers } from "../notifications";
import { assessmentHref } from "./links";

const DAY = 86_400_000;
/** Quarterly, as CatalogEntry.assessmentIntervalDays defaults to, for a flow without an entry. */
export const DEFAULT_ASSESSMENT_INTERVAL_DAYS = 91;
/** An opened assessment is due this many days later. */
export const ASSESSMENT_DUE_DAYS = 14;

const scheduler = systemActor("health-assessments");

type TFlowPolicy = { intervalDays: number; ownerId: string | null; isRetired: boolean };

async function flowPolicies(tx: Tx, flowIds: string[]): Promise<Map<string, TFlowPolicy>> {
  const entries = await tx.catalogEntry.findMany({
    where: { kind: "flow", key: { in: flowIds } },
    select: { key: true, ownerId: true, assessmentIntervalDays: true, lifecycle: true },
  });
  const byKey = new Map(entries.map((e) => [e.key, e]));
  return new Map(
    flowIds.map((id) => {
      const e = byKey.get(id);
      return [
        id,
        {
          intervalDays: e?.assessmentIntervalDays ?? DEFAULT_ASSESSMENT_INTERVAL_DAYS,
          ownerId: e?.ownerId ?? null,
          isRetired: e?.lifecycle === "retired",
        },
      ];
    }),
  );
}

/** The catalog owner when that is an active account; a name without an account gets nobody. */
async function assigneeFor(tx: Tx, ownerId: string | null): Promise<string | null> {
  if (!ownerId) return null;
  const user = await tx.user.findFirst({ where: { id: ownerId, isActive: true }, select: { id: true } });
  return user?.id ?? null;
}

/**
 * Opens one assessment for a flow inside `tx`, after locking the flow's row: two engines (or the
 * scheduler and a person) deciding at once serialize here, and the second sees the first's open one.
 * With `whenDue`, it also re-checks the interval since the last completed assessment.
 */
async function openAssessmentTx(
  tx: Tx,
  actor: Actor,
  flowId: string,
  now: Date,
  whenDue: boolean,
): Promise<{ id: string } | null> {
  const locked = await tx.$queryRaw<{ id: string; name: string }[]>`
    SELECT id, name FROM "Flow" WHERE id = ${flowId} FOR UPDATE`;
  const flow = locked[0];
  if (!flow) throw new AppError("NOT_FOUND", "The flow was not found.");
  if (await tx.healthAssessment.count({ where: { flowId, status: "due" } })) return null;
  const policy = (await flowPolicies(tx, [flowId])).get(flowId)!;
  if (whenDue) {
    const last = await tx.healthAssessment.findFirst({
      where: { flowId, status: "completed" },
      orderBy: { completedAt: "desc" },
      select: { completedAt: true },
    });
    if (last?.completedAt && last.completedAt.getTime() > now.getTime() - policy.intervalDays * DAY) return null;
  }
  const assigneeId = await assigneeFor(tx, policy.ownerId);
  const dueAt = new Date(now.getTime() + ASSESSMENT_DUE_DAYS * DAY);
  const created = await tx.healthAssessment.create({
    data: { flowId, status: "due", dueAt, assigneeId, createdAt: now },
    select: { id: true },
  });
  if (assigneeId)
    await notifyUsers(tx, [assigneeId], {
      kind: "health.due",
      title: `Health assessment due: ${flow.name}`,
      body: `Please complete it by ${dueAt.toISOString().slice(0, 10)}: review the signals, answer the questionnaire and agree on action items.`,
      href: assessmentHref(created.id),
      dedupeKey: `health.due:${created.id}`,
    });
  await appendAudit(tx, {
    actor,
    action: "health.open",
    entityType: "HealthAssessment",
    entityId: created.id,
    after: { flowId, flowName: flow.name, dueAt: dueAt.toISOString(), assigneeId },
  });
  return created;
}

/**
 * The scheduler's job: every non-archived flow that runs somewhere (production or not; the signals
 * prefer production when read) and is not retired in the catalog gets an assessment when none is open
 * and the last completed one is older than its catalog entry's interval; a flow never assessed is due
 * as soon as it runs. The batch query only narrows the candidates; each opening re-checks under a lock.
 */
export async function openDueAssessments(now: Date, actor: Actor = scheduler): Promise<{ opened: number }> {
  const flows = await db().flow.findMany({
    where: { archivedAt: null, deployments: { some: { activeSlot: { not: null }, desiredState: "running" } } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  if (!flows.length) return { opened: 0 };
  const ids = flows.map((f) => f.id);
  const [open, completed, policies] = await Promise.all([
    db().healthAssessment.groupBy({ by: ["flowId"], where: { flowId: { in: ids }, status: "due" } }),
    db().healthAssessment.groupBy({
      by: ["flowId"],
      where: { flowId: { in: ids }, status: "completed" },
      _max: { completedAt: true },
    }),
    flowPolicies(db(), ids),
  ]);
  const hasOpen = new Set(open.map((o) => o.flowId));
  const lastCompleted = new Map(completed.map((c) => [c.flowId, c._max.completedAt]));
  let opened = 0;
  for (const flowId of ids) {
    const policy = policies.get(flowId)!;
    if (hasOpen.has(flowId) || policy.isRetired) continue;
    const last = lastCompleted.get(flowId);
    if (last && last.getTime() > now.getTime() - policy.intervalDays * DAY) continue;
    if (await transaction((tx) => openAssessmentTx(tx, actor, flowId, now, true))) opened++;
  }
  return { opened };
}

/**
 * Opens an assessment for one flow now, off its schedule (the seed, or a catalog editor who wants one
 * before the quarter is up). Returns null when one is already open.
 */
export async function openAssessment(
  actor: Actor,
  input: { flowId: string },
  now: Date,
): Promise<{ id: string } | null> {
  assertCan(actor, "catalog:edit");
  return transaction((tx) => openAssessmentTx(tx, actor, input.flowId, now, false));
}
