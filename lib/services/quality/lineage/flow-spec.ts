import "server-only";
import type { Tx } from "@/lib/db";
import { componentRegistry } from "@/lib/services/flows/registry";
import { flowFieldLineage, type FlowStepLike } from "@/lib/quality/lineage/flow-fields";

// The flow spec lineage is read from, and the registry's answer to "is this component bounded".

export type TSpecLike = { steps?: FlowStepLike[]; outputs?: FlowStepLike[]; input?: { use: string } };

export function isBounded(use: string): boolean | undefined {
  const spec = componentRegistry().get("processor", use);
  return spec ? Boolean(spec.bounded) : undefined;
}

export const fieldLineageOf = (spec: TSpecLike) => flowFieldLineage(spec.steps ?? [], isBounded);

/**
 * The version lineage describes for a flow: the one running in the environment given (or, without
 * one, in the most production-like environment it runs in), else its latest version.
 */
export async function lineageVersion(tx: Tx, flowId: string, environmentId?: string) {
  const deployments = await tx.deployment.findMany({
    where: { flowId, activeSlot: { not: null }, ...(environmentId ? { environmentId } : {}) },
    select: { flowVersionId: true, environment: { select: { key: true, sortOrder: true } } },
  });
  deployments.sort((a, b) => b.environment.sortOrder - a.environment.sortOrder);
  const active = deployments[0];
  const version = active
    ? await tx.flowVersion.findUnique({ where: { id: active.flowVersionId } })
    : await tx.flowVersion.findFirst({ where: { flowId }, orderBy: { version: "desc" } });
  if (!version) return null;
  return {
    id: version.id,
    version: version.version,
    spec: version.spec as TSpecLike,
    environmentKey: active?.environment.key ?? null,
  };
}
