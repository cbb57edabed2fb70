import "server-only";
import { db } from "@/lib/db";
import { inputClassesFor, REDACT_ALL, flowMasks } from "@/lib/quality/privacy/flow-masks";
import type { TFieldClass } from "@/lib/quality/privacy/classification";
import { ZMaskingPolicyDocument, type TCompiledMask, type TMaskingPolicyDocument } from "@/lib/quality/privacy/policy";
import type { TStepLike } from "@/lib/quality/privacy/propagate";

/** The confirmed classifications that apply to a flow's input (flow, its interface and that interface's systems). */
export async function flowInputClasses(flowId: string): Promise<{ name: string; classes: TFieldClass[] } | null> {
  const flow = await db().flow.findUnique({
    where: { id: flowId },
    select: {
      id: true,
      name: true,
      interfaceId: true,
      interface: { select: { sourceSystemId: true, targetSystemId: true } },
    },
  });
  if (!flow) return null;
  const systemIds = flow.interface ? [flow.interface.sourceSystemId, flow.interface.targetSystemId] : [];
  const rows = await db().fieldClassification.findMany({
    where: {
      status: "confirmed",
      OR: [
        { scopeKind: "flow", scopeId: flow.id },
        ...(flow.interfaceId ? [{ scopeKind: "interface" as const, scopeId: flow.interfaceId }] : []),
        ...(systemIds.length ? [{ scopeKind: "system" as const, scopeId: { in: systemIds } }] : []),
      ],
    },
    select: { scopeKind: true, scopeId: true, fieldPath: true, level: true, tags: true },
  });
  return {
    name: flow.name,
    classes: inputClassesFor(rows, { flowId: flow.id, interfaceId: flow.interfaceId, systemIds }),
  };
}

export async function deployedPolicies(environmentId: string): Promise<TMaskingPolicyDocument[]> {
  const rows = await db().maskingPolicyDeployment.findMany({
    where: { environmentId, activeSlot: { not: null } },
    include: { version: { select: { document: true } }, policy: { select: { key: true } } },
    orderBy: { policy: { key: "asc" } },
  });
  return rows.map((r) => ZMaskingPolicyDocument.parse(r.version.document));
}

/**
 * The masks a payload view applies: the environment's deployed policies, or, when none is deployed
 * there, every classified field redacted (a viewer without quality:sensitive never sees them in clear).
 */
export async function viewMasks(
  flowId: string,
  environmentId: string,
  flowVersionId: string,
  side: "input" | "output",
): Promise<TCompiledMask[]> {
  const flow = await flowInputClasses(flowId);
  if (!flow || !flow.classes.length) return [];
  const [policies, version] = await Promise.all([
    deployedPolicies(environmentId),
    side === "output" ? db().flowVersion.findUnique({ where: { id: flowVersionId }, select: { spec: true } }) : null,
  ]);
  const spec = version?.spec as { steps?: TStepLike[] } | undefined;
  const masks = flowMasks({
    policies: policies.length ? policies : [REDACT_ALL],
    flowName: flow.name,
    steps: spec?.steps ?? [],
    inputClasses: flow.classes,
    side,
  });
  return masks;
}
