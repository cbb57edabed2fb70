import type pg from "pg";
import { flowContentHash, validateFlowComponents } from "@/lib/engine/core/flow-version";
import type { Registry } from "@/lib/engine/core/registry";
import { ZFlowSpec, type TFlowSpec } from "@/lib/validation/flow-spec";
import { attestationRefusal, loadPersonalDomains } from "./attestation-gate";
import { changeRefusal } from "./change-gate";
import type { TDeploymentRow } from "./deployments";
import { resolveSpecConfig } from "./resolve-config";

export type TActivation = { ok: true; spec: TFlowSpec } | { ok: false; reason: string };

/**
 * The engine's governance gate, checked every time a deployment is (re)activated, so the engine
 * enforces it whatever wrote the database (portal, CLI, psql). It refuses:
 * - a spec that no longer parses;
 * - in production, a deployment without an approved change bound to exactly this content, or outside
 *   the change's window on its first activation (change-gate.ts);
 * - a version whose stored spec no longer hashes to its contentHash (edited in the database);
 * - a deployment whose recorded contentHash differs from its version's hash: the hash is what was
 *   approved, so the engine only runs exactly that content;
 * - in production, a flow carrying personal data whose owner's attestation lapsed (attestation-gate.ts);
 * - a spec whose ${vars.*} or ${secrets.*} cannot be resolved in the environment (resolve-config.ts);
 * - components this engine does not have, or configs they reject once resolved.
 * The spec it returns is the resolved one: what the worker runs. Its hash stays that of the
 * unresolved spec, so one version promotes across environments.
 */
export async function checkActivation(
  pool: pg.Pool,
  d: TDeploymentRow,
  registry: Registry,
  now = new Date(),
): Promise<TActivation> {
  const parsed = ZFlowSpec.safeParse(d.spec);
  if (!parsed.success) {
    return {
      ok: false,
      reason: `The stored spec of ${d.flowName} v${d.version} is not a valid flow: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    };
  }
  const actual = flowContentHash(parsed.data);
  const change = changeRefusal(d, actual, now);
  if (change) return { ok: false, reason: change };
  const hash = hashRefusal(d, actual);
  if (hash) return { ok: false, reason: hash };
  if (d.isProduction) {
    const attestation = attestationRefusal(await loadPersonalDomains(pool, d.flowId), now);
    if (attestation) return { ok: false, reason: attestation };
  }
  const resolved = await resolveSpecConfig(pool, parsed.data, d.environmentId, d.environmentKey);
  if (!resolved.ok) return resolved;
  return componentCheck(d, resolved.spec, registry);
}

function hashRefusal(d: TDeploymentRow, actual: string): string | null {
  if (actual !== d.versionHash)
    return `${d.flowName} v${d.version} was modified after it was saved (hash ${actual.slice(0, 12)} ≠ ${d.versionHash.slice(0, 12)}); create a new version instead.`;
  if (d.contentHash !== d.versionHash) {
    const where = d.isProduction ? "production" : d.environmentKey;
    return `The ${where} deployment approved content ${d.contentHash.slice(0, 12)}, but its version hashes to ${d.versionHash.slice(0, 12)}; redeploy the approved version.`;
  }
  return null;
}

function componentCheck(
  d: Pick<TDeploymentRow, "flowName" | "version">,
  spec: TFlowSpec,
  registry: Registry,
): TActivation {
  const issues = validateFlowComponents(spec, registry);
  if (issues.length) {
    return {
      ok: false,
      reason: `${d.flowName} v${d.version} has invalid components: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
    };
  }
  return { ok: true, spec };
}
