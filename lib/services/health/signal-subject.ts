import "server-only";
import type { Tx } from "@/lib/db";
import type { TSignalSubject } from "@/lib/services/signals";

export type TAssessedEnvironment = { id: string; key: string; name: string; isProduction: boolean };

/**
 * Where a flow's health is read: the production environment it runs in, else the furthest-promoted
 * environment it runs in (highest sortOrder), else where it was last deployed. Null for a flow never deployed.
 */
export async function assessedEnvironment(tx: Tx, flowId: string): Promise<TAssessedEnvironment | null> {
  const select = { environment: { select: { id: true, key: true, name: true, isProduction: true, sortOrder: true } } };
  const running = await tx.deployment.findMany({
    where: { flowId, activeSlot: { not: null }, desiredState: "running" },
    select,
  });
  const pick = running
    .map((d) => d.environment)
    .sort((a, b) => Number(b.isProduction) - Number(a.isProduction) || b.sortOrder - a.sortOrder)[0];
  const env =
    pick ??
    (await tx.deployment.findFirst({ where: { flowId }, orderBy: { deployedAt: "desc" }, select }))?.environment;
  return env ? { id: env.id, key: env.key, name: env.name, isProduction: env.isProduction } : null;
}

export const subjectOf = (flowId: string, env: { id: string }): TSignalSubject => ({
  flowIds: [flowId],
  environmentId: env.id,
});
