import "server-only";
import type { Tx } from "@/lib/db";
import type { TSignalSubject } from "@/lib/services/signals";

export type TAssessedEnvironment = { id: string; key: string; name: string; isProduction: boolean };

const DAY = 86_400_000;

/**
 * Where a flow's health is read at `now`: the production environment it runs in; else, of the
 * environments it runs in, the one that carried the most messages in the day before `now` (that is
 * where its health shows), ties going to the furthest promoted; else where it was last deployed. Null
 * for a flow never deployed.
 */
export async function assessedEnvironment(tx: Tx, flowId: string, now: Date): Promise<TAssessedEnvironment | null> {
  const select = { environment: { select: { id: true, key: true, name: true, isProduction: true, sortOrder: true } } };
  const running = (
    await tx.deployment.findMany({ where: { flowId, activeSlot: { not: null }, desiredState: "running" }, select })
  ).map((d) => d.environment);
  let pick = running.find((e) => e.isProduction);
  if (!pick && running.length) {
    const traffic = await tx.metricMinute.groupBy({
      by: ["environmentId"],
      where: {
        flowId,
        step: "",
        environmentId: { in: running.map((e) => e.id) },
        minute: { gte: new Date(now.getTime() - DAY), lt: now },
      },
      _sum: { countOk: true, countFailed: true, countDeadLettered: true },
    });
    const volume = new Map(
      traffic.map((t) => [
        t.environmentId,
        (t._sum.countOk ?? 0) + (t._sum.countFailed ?? 0) + (t._sum.countDeadLettered ?? 0),
      ]),
    );
    pick = [...running].sort(
      (a, b) => (volume.get(b.id) ?? 0) - (volume.get(a.id) ?? 0) || b.sortOrder - a.sortOrder,
    )[0];
  }
  const env =
    pick ??
    (await tx.deployment.findFirst({ where: { flowId }, orderBy: { deployedAt: "desc" }, select }))?.environment;
  return env ? { id: env.id, key: env.key, name: env.name, isProduction: env.isProduction } : null;
}

export const subjectOf = (flowId: string, env: { id: string }): TSignalSubject => ({
  flowIds: [flowId],
  environmentId: env.id,
});
