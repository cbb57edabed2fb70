import "server-only";
// UI-only reads for the portal's pages that the core queries do not cover: the CAB home's top risk
// factors per change row, and which of a flow's active deployments can be rolled back (and to what).
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db } from "@/lib/db";
import type { TRiskFactor } from "./risk";

/** The stored risk factors of these changes, by change id (TChangeRow leaves them out). */
export async function uiRiskFactorsByChange(actor: Actor, changeIds: string[]): Promise<Record<string, TRiskFactor[]>> {
  assertCan(actor, "change:read");
  if (!changeIds.length) return {};
  const rows = await db().changeRequest.findMany({
    where: { id: { in: [...new Set(changeIds)] } },
    select: { id: true, riskFactors: true },
  });
  return Object.fromEntries(
    rows.map((r) => [r.id, Array.isArray(r.riskFactors) ? (r.riskFactors as unknown as TRiskFactor[]) : []]),
  );
}

export type TUiRollbackTarget = {
  environmentKey: string;
  deploymentId: string;
  fromVersion: number;
  toVersion: number;
  changeId: string | null;
};

/**
 * For each environment where the flow has an active deployment, the version a rollback would return to,
 * by the rule rollbackEnvironment applies: the latest earlier deployment there of other content that an
 * engine ran (activatedAt) and that was not itself rolled back. Environments without one are left out.
 */
export async function uiRollbackTargets(actor: Actor, flowId: string): Promise<TUiRollbackTarget[]> {
  assertCan(actor, "flow:read");
  const active = await db().deployment.findMany({
    where: { flowId, activeSlot: { not: null } },
    select: {
      id: true,
      environmentId: true,
      deployedAt: true,
      contentHash: true,
      changeRequestId: true,
      environment: { select: { key: true } },
      flowVersion: { select: { version: true } },
    },
  });
  const out: TUiRollbackTarget[] = [];
  for (const bad of active) {
    const good = await db().deployment.findFirst({
      where: {
        flowId,
        environmentId: bad.environmentId,
        deployedAt: { lt: bad.deployedAt },
        contentHash: { not: bad.contentHash },
        activatedAt: { not: null },
        rolledBackAt: null,
      },
      orderBy: { deployedAt: "desc" },
      select: { flowVersion: { select: { version: true } } },
    });
    if (good)
      out.push({
        environmentKey: bad.environment.key,
        deploymentId: bad.id,
        fromVersion: bad.flowVersion.version,
        toVersion: good.flowVersion.version,
        changeId: bad.changeRequestId,
      });
  }
  return out;
}

export type TUiChangeDeployment = {
  id: string;
  flowId: string;
  flowName: string;
  version: number;
  environmentKey: string;
  desiredState: string;
  actualState: string;
  actualError: string | null;
  deployedBy: string;
  deployedAt: string;
  activatedAt: string | null;
  rolledBackAt: string | null;
  isActive: boolean;
};

/** The deployments a change made with what the engine reports (running, refused and why). */
export async function uiChangeDeployments(actor: Actor, changeId: string): Promise<TUiChangeDeployment[]> {
  assertCan(actor, "change:read");
  const rows = await db().deployment.findMany({
    where: { changeRequestId: changeId },
    orderBy: { deployedAt: "desc" },
    include: {
      flow: { select: { name: true } },
      flowVersion: { select: { version: true } },
      environment: { select: { key: true } },
    },
  });
  return rows.map((d) => ({
    id: d.id,
    flowId: d.flowId,
    flowName: d.flow.name,
    version: d.flowVersion.version,
    environmentKey: d.environment.key,
    desiredState: d.desiredState,
    actualState: d.actualState,
    actualError: d.actualError,
    deployedBy: d.deployedBy,
    deployedAt: d.deployedAt.toISOString(),
    activatedAt: d.activatedAt?.toISOString() ?? null,
    rolledBackAt: d.rolledBackAt?.toISOString() ?? null,
    isActive: d.activeSlot !== null,
  }));
}

/** Names of the owned data domains the change's flows carry: "the data owner of Customer". */
export async function uiOwnedDomainNames(actor: Actor, flowIds: string[]): Promise<string[]> {
  assertCan(actor, "change:read");
  if (!flowIds.length) return [];
  const rows = await db().dataDomain.findMany({
    where: { flows: { some: { flowId: { in: flowIds } } }, ownership: { ownerId: { not: null } } },
    select: { name: true },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => r.name);
}
