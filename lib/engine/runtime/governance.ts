import { flowContentHash } from "@/lib/engine/core/flow-version";
import { validateFlowComponents } from "@/lib/engine/core/flow-version";
import type { Registry } from "@/lib/engine/core/registry";
import { ZFlowSpec, type TFlowSpec } from "@/lib/validation/flow-spec";
import type { TDeploymentRow } from "./deployments";

export type TActivation = { ok: true; spec: TFlowSpec } | { ok: false; reason: string };

/**
 * The engine's governance gate, checked every time a deployment is (re)activated. Today it refuses:
 * - a spec that no longer parses or uses components this engine does not have;
 * - a version whose stored spec no longer hashes to its contentHash (edited in the database);
 * - a deployment whose recorded contentHash differs from its version's hash: the hash is what was
 *   approved, so the engine only runs exactly that content (in production this is the hard rule the
 *   portal's change approval binds to).
 * Later governance rules (approved change bound to the hash, lapsed data-owner attestation) add
 * their checks here, so the engine enforces them whatever wrote the database.
 */
export function canActivate(d: TDeploymentRow, registry: Registry): TActivation {
  const parsed = ZFlowSpec.safeParse(d.spec);
  if (!parsed.success) {
    return {
      ok: false,
      reason: `The stored spec of ${d.flowName} v${d.version} is not a valid flow: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    };
  }
  const issues = validateFlowComponents(parsed.data, registry);
  if (issues.length) {
    return {
      ok: false,
      reason: `${d.flowName} v${d.version} has invalid components: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
    };
  }
  const actual = flowContentHash(parsed.data);
  if (actual !== d.versionHash) {
    return {
      ok: false,
      reason: `${d.flowName} v${d.version} was modified after it was saved (hash ${actual.slice(0, 12)} ≠ ${d.versionHash.slice(0, 12)}); create a new version instead.`,
    };
  }
  if (d.contentHash !== d.versionHash) {
    const where = d.isProduction ? "production" : d.environmentKey;
    return {
      ok: false,
      reason: `The ${where} deployment approved content ${d.contentHash.slice(0, 12)}, but its version hashes to ${d.versionHash.slice(0, 12)}; redeploy the approved version.`,
    };
  }
  return { ok: true, spec: parsed.data };
}
