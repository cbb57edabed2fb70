// Demo data for the executive ROI dashboard, so realized ROI shows real figures on first start.
// The candidates are linked to the interfaces the demo flows implement (the strategy seed links them by
// name already; this keeps the link if the names drift), and each such flow that runs in production gets
// 60 days of day rollups there. THE HISTORY IS DEMO DATA: it exists only in this seed; a real
// installation's MetricDay rows come from the engine. Idempotent: a flow with production rollups already
// is left alone.
import type { Actor } from "../../lib/auth/actor";
import { db } from "../../lib/db";
import { DEMO_FLOW_NAMES } from "../../lib/engine/demo/traffic";

const HISTORY_DAYS = 60;
const DAY_MS = 86_400_000;

/** The initiative each demo flow delivers (by candidate name, from prisma/seed/strategy.ts). */
const DEMO_INITIATIVES: Record<string, string> = {
  [DEMO_FLOW_NAMES.customersToErp]: "Customer master synchronisation",
  [DEMO_FLOW_NAMES.invoicesToErp]: "Supplier invoice straight-through processing",
  [DEMO_FLOW_NAMES.ordersToCrm]: "Order status self-service (WISMO)",
};

/** A repeatable 0..1 value per flow and day, so a re-seeded database gets the same history. */
function noise(key: string, day: number): number {
  let h = 2166136261;
  for (const ch of `${key}:${day}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

async function linkDemoInterfaces(): Promise<void> {
  for (const [flowName, candidateName] of Object.entries(DEMO_INITIATIVES)) {
    const [flow, candidate] = await Promise.all([
      db().flow.findUnique({ where: { name: flowName }, select: { interfaceId: true } }),
      db().integrationCandidate.findUnique({ where: { name: candidateName }, select: { id: true } }),
    ]);
    if (!flow?.interfaceId || !candidate) continue;
    await db().candidateInterface.createMany({
      data: [{ candidateId: candidate.id, interfaceId: flow.interfaceId }],
      skipDuplicates: true,
    });
  }
}

/**
 * In the demo's story the flow went live in production when its history starts: the changes seed deployed
 * it moments ago, so its first production deployment is dated back to then (realized savings count from
 * the first production deployment). Its activation, change and window are left as they are.
 */
async function seedProductionHistory(flowId: string, environmentId: string, volumePerMonth: number, now: Date) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const start = new Date(today - HISTORY_DAYS * DAY_MS);
  const first = await db().deployment.findFirst({
    where: { flowId, environmentId },
    orderBy: { deployedAt: "asc" },
    select: { id: true, deployedAt: true },
  });
  // Written once: a flow that already has production history (seeded or real) is left alone.
  if (!first || (await db().metricDay.count({ where: { flowId, environmentId } })) > 0) return;
  if (first.deployedAt > start)
    await db().deployment.update({
      where: { id: first.id },
      data: { deployedAt: new Date(start.getTime() + 9 * 3_600_000) },
    });
  // Production runs a little busier than the inventory's estimate, with quiet weekends and few errors,
  // so "Apply observed figures" has something to offer on the process page.
  const weekday = (volumePerMonth * 1.15) / 21.7;
  const rows = Array.from({ length: HISTORY_DAYS }, (_, k) => {
    const day = new Date(today - (HISTORY_DAYS - k) * DAY_MS);
    const isWeekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    const total = Math.max(1, Math.round(weekday * (isWeekend ? 0.15 : 1) * (0.85 + 0.3 * noise(flowId, k))));
    const failed = noise(`${flowId}:f`, k) < 0.25 ? 1 : 0;
    const deadLettered = noise(`${flowId}:d`, k) < 0.08 ? 1 : 0;
    return {
      flowId,
      environmentId,
      day,
      countOk: Math.max(0, total - failed - deadLettered),
      countFailed: failed,
      countDeadLettered: deadLettered,
      countFiltered: 0,
    };
  });
  await db().metricDay.createMany({ data: rows, skipDuplicates: true });
}

export async function seedPortfolio(_actor: Actor): Promise<void> {
  await linkDemoInterfaces();
  const now = new Date();
  const prod = await db().environment.findMany({ where: { isProduction: true }, select: { id: true } });
  for (const flowName of Object.keys(DEMO_INITIATIVES)) {
    const flow = await db().flow.findUnique({
      where: { name: flowName },
      select: { id: true, interface: { select: { id: true } } },
    });
    if (!flow?.interface) continue;
    // The volume the inventory expects: the processes of the candidates this flow's interface serves.
    const processes = await db().businessProcess.findMany({
      where: { id: { in: await candidateProcessIds(flow.interface.id) } },
      select: { volumePerMonth: true },
    });
    const volume = processes.reduce((a, p) => a + p.volumePerMonth, 0) || 300;
    for (const env of prod) await seedProductionHistory(flow.id, env.id, volume, now);
  }
}

async function candidateProcessIds(interfaceId: string): Promise<string[]> {
  const links = await db().candidateInterface.findMany({
    where: { interfaceId },
    select: { candidate: { select: { processes: { select: { processId: true } } } } },
  });
  return [...new Set(links.flatMap((l) => l.candidate.processes.map((p) => p.processId)))];
}
