import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getFlowOrThrow, getFlowVersionSpec } from "@/lib/services/flows";
import { listEnvironments } from "@/lib/services/flows/deployments";

export type TStepOption = { id: string; label: string };
export type TEnvironmentOption = { id: string; key: string; label: string };

/** The environments a profile can watch, in their pipeline order. */
export async function profileEnvironmentOptions(actor: Actor): Promise<TEnvironmentOption[]> {
  const envs = await listEnvironments(actor);
  return envs.map((e) => ({ id: e.id, key: e.key, label: `${e.name} (${e.key})` }));
}

/**
 * A flow's `profile` steps, from its newest version and every deployed one (a step renamed in a new
 * version still feeds sketches where the old version runs), each labelled with the versions it is in.
 */
export async function profileStepOptions(actor: Actor, flowId: string): Promise<TStepOption[]> {
  const flow = await getFlowOrThrow(actor, flowId);
  const versionIds = new Set<string>();
  if (flow.versions[0]) versionIds.add(flow.versions[0].id);
  for (const env of flow.environments) if (env.deployment) versionIds.add(env.deployment.flowVersionId);
  const specs = await Promise.all([...versionIds].map((id) => getFlowVersionSpec(actor, id)));
  const seen = new Map<string, number[]>();
  for (const { version, spec } of specs.sort((a, b) => b.version.version - a.version.version))
    for (const step of spec.steps)
      if (step.use === "profile") seen.set(step.id, [...(seen.get(step.id) ?? []), version.version]);
  return [...seen].map(([id, versions]) => ({ id, label: `${id} (v${versions.join(", v")})` }));
}
