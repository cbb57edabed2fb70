// Demo data for health assessments, through the health services: the data owner's demo flow
// (owner@switchboard.local, from the catalog seed, else set here) with one assessment completed 95 days
// ago (its signals read from minute rollups of that day, a score, an open action item for the engineer)
// and one due now, assigned to the owner. THE MINUTE ROLLUPS OF THAT DAY ARE DEMO DATA: they exist only
// in this seed, and the engine's retention trims them like any minute row older than 90 days (the
// assessment keeps its signals as read). The engine's health-assessments job opens the other flows'
// assessments. Idempotent: a flow with a completed assessment is left alone, and an open one is not repeated.
import type { Actor } from "../../lib/auth/actor";
import { db } from "../../lib/db";
import { BUCKET_COUNT, bucketIndex } from "../../lib/engine/metrics/buckets";
import { DEMO_FLOW_NAMES } from "../../lib/engine/demo/traffic";
import { completeAssessment } from "../../lib/services/health/complete-assessment";
import { openAssessment } from "../../lib/services/health/open-due-assessments";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const OWNER_EMAIL = "owner@switchboard.local";
const ENGINEER_EMAIL = "engineer@switchboard.local";
/** The owner's flow when the catalog seed has given them none. */
const FALLBACK_FLOW = DEMO_FLOW_NAMES.ordersToCrm;
const COMPLETED_DAYS_AGO = 95;

const asActor = (u: { id: string; email: string; name: string; role: Actor["role"] }): Actor => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
});

/** A running demo flow the catalog gives the owner; else the fallback flow, whose entry gets the owner if it has none. */
async function ownersFlow(ownerId: string): Promise<string | null> {
  const demoFlows = await db().flow.findMany({
    where: { name: { in: Object.values(DEMO_FLOW_NAMES) }, archivedAt: null },
    select: { id: true, name: true },
  });
  const owned = await db().catalogEntry.findFirst({
    where: { kind: "flow", ownerId, key: { in: demoFlows.map((f) => f.id) } },
    orderBy: { createdAt: "asc" },
    select: { key: true },
  });
  if (owned) return owned.key;
  const fallback = demoFlows.find((f) => f.name === FALLBACK_FLOW);
  if (!fallback) return null;
  await db().catalogEntry.upsert({
    where: { kind_key: { kind: "flow", key: fallback.id } },
    create: { kind: "flow", key: fallback.id, ownerId },
    update: {},
  });
  await db().catalogEntry.updateMany({ where: { kind: "flow", key: fallback.id, ownerId: null }, data: { ownerId } });
  const entry = await db().catalogEntry.findUnique({ where: { kind_key: { kind: "flow", key: fallback.id } } });
  return entry?.ownerId === ownerId ? fallback.id : null;
}

function buckets(ms: number, n: number): number[] {
  const b = new Array<number>(BUCKET_COUNT).fill(0);
  b[bucketIndex(ms)] = n;
  return b;
}

/**
 * Two days of hourly whole-flow rollups before `then`: steady volume, a few failures, a slower day
 * before, and a small backlog at the end, so the past assessment's signals hold real-looking figures.
 */
async function writeHistory(flowId: string, environmentId: string, then: Date): Promise<void> {
  const rows = Array.from({ length: 48 }, (_, i) => {
    const hoursAgo = i + 1;
    const isLastDay = hoursAgo <= 24;
    const ok = 40 + ((i * 7) % 11);
    const failed = i % 6 === 0 ? 2 : i % 4 === 0 ? 1 : 0;
    const ms = isLastDay ? (i % 5 === 0 ? 1_400 : 320) : 260;
    return {
      flowId,
      environmentId,
      step: "",
      // Ten minutes before each hour mark, so the last row lies inside the backlog gauge's hour.
      minute: new Date(Math.floor((then.getTime() - hoursAgo * HOUR + 50 * 60_000) / 60_000) * 60_000),
      countOk: ok,
      countFailed: failed,
      latencyBuckets: buckets(ms, ok + failed),
      latencySumMs: ms * (ok + failed),
      backlogDepth: hoursAgo === 1 ? 35 : null,
      dlqDepth: hoursAgo === 1 ? 0 : null,
    };
  });
  await db().metricMinute.createMany({ data: rows, skipDuplicates: true });
}

export async function seedHealth(actor: Actor): Promise<void> {
  const [owner, engineer] = await Promise.all([
    db().user.findUnique({ where: { email: OWNER_EMAIL } }),
    db().user.findUnique({ where: { email: ENGINEER_EMAIL } }),
  ]);
  if (!owner || !engineer) return;
  const flowId = await ownersFlow(owner.id);
  if (!flowId) return;

  if (!(await db().healthAssessment.count({ where: { flowId, status: "completed" } }))) {
    const then = new Date(Date.now() - COMPLETED_DAYS_AGO * DAY);
    const env = await db().deployment.findFirst({
      where: { flowId, activeSlot: { not: null }, desiredState: "running" },
      // Where assessedEnvironment reads: production if it runs there, else dev, where the demo traffic goes.
      orderBy: [{ environment: { isProduction: "desc" } }, { environment: { sortOrder: "asc" } }],
      select: { environmentId: true },
    });
    if (!env) return;
    await writeHistory(flowId, env.environmentId, then);
    const opened = await openAssessment(actor, { flowId }, new Date(then.getTime() - 10 * DAY));
    if (opened) {
      // The notice of that old opening would read as new; the assessment is completed at once below.
      await db().notification.deleteMany({ where: { dedupeKey: `health.due:${opened.id}:${owner.id}` } });
      await completeAssessment(
        asActor(owner),
        {
          id: opened.id,
          answers: {
            technicalDebt: 2,
            bottlenecks:
              "Order updates arrive in bursts after the ERP's nightly batch; the CRM's API rate limit slows the backlog down.",
            optimizationIdeas: "Send status changes as they happen instead of after the batch; batch the CRM calls.",
            notes: "Mapping of order statuses is documented in the runbook.",
          },
          actionItems: [
            {
              title: "Batch the CRM updates to stay under its rate limit",
              ownerId: engineer.id,
              dueAt: new Date(Date.now() + 20 * DAY),
            },
          ],
        },
        then,
      );
    }
  }
  // Due now: the last one is older than the quarterly interval. A no-op while one is open.
  await openAssessment(actor, { flowId }, new Date());
}
