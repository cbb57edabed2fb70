import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction, type Tx } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { ZUndeployRuleSet } from "@/lib/quality/rules/inputs";
import { appendAudit } from "../../audit";
import { isProductionEnvironment, loadDeployEnvironmentTx } from "../../promotion";
import { notifyRuleSetsChanged } from "./notify";

/** Whether a flow spec (any depth: routes and branches nest steps) has a validate_rules step that fails without this rule set. */
function needsRuleSet(spec: unknown, key: string): boolean {
  if (Array.isArray(spec)) return spec.some((s) => needsRuleSet(s, key));
  if (!spec || typeof spec !== "object") return false;
  const node = spec as Record<string, unknown>;
  if (node.use === "validate_rules") {
    const config = (node.config ?? {}) as Record<string, unknown>;
    if (config.ruleSet === key && config.onMissingRuleSet !== "pass") return true;
  }
  return Object.values(node).some((v) => needsRuleSet(v, key));
}

/**
 * Live flow deployments in the environment whose validate_rules step names the rule set and fails its
 * messages when no version is deployed ("demo-orders v3"): removing the rule set would stop them.
 */
export async function flowsNeedingRuleSetTx(tx: Tx, key: string, environmentId: string): Promise<string[]> {
  const live = await tx.deployment.findMany({
    where: { environmentId, activeSlot: { not: null }, desiredState: { not: "stopped" } },
    select: { flow: { select: { name: true } }, flowVersion: { select: { version: true, spec: true } } },
  });
  return live
    .filter((d) => needsRuleSet(d.flowVersion.spec, key))
    .map((d) => `${d.flow.name} v${d.flowVersion.version}`)
    .sort();
}

export type TRuleSetUndeployed = { key: string; environmentKey: string; version: number };

/**
 * Stops enforcing a rule set in a development or test environment: its deployment is superseded and
 * the engines drop it on the NOTIFY. Refused while a live flow there needs it (its messages would fail
 * at the validate step), and in production, where only an approved change may change what runs.
 */
export async function undeployRuleSet(actor: Actor, raw: unknown): Promise<TRuleSetUndeployed> {
  assertCan(actor, "quality:manage");
  const input = ZUndeployRuleSet.parse(raw);
  try {
    return await transaction(async (tx) => {
      const ruleSet = await tx.qualityRuleSet.findUnique({
        where: { id: input.ruleSetId },
        select: { id: true, key: true },
      });
      if (!ruleSet) throw new AppError("NOT_FOUND", "That rule set does not exist.");
      const env = await loadDeployEnvironmentTx(tx, input.environmentId);
      if (isProductionEnvironment(env))
        throw new AppError(
          "PRECONDITION_FAILED",
          `${env.name} changes only through an approved change: the portal removes rule sets from development and test only.`,
        );
      const slot = `${ruleSet.id}:${env.id}`;
      // The same lock as a deploy to this slot, so an undeploy and a deploy never interleave.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`switchboard.ruleset-deploy:${slot}`}))`;
      const active = await tx.qualityRuleSetDeployment.findUnique({
        where: { activeSlot: slot },
        select: { id: true, contentHash: true, version: { select: { number: true } } },
      });
      if (!active) throw new AppError("CONFLICT", `${env.name} enforces no version of ${ruleSet.key}.`);
      const flows = await flowsNeedingRuleSetTx(tx, ruleSet.key, env.id);
      if (flows.length)
        throw new AppError(
          "PRECONDITION_FAILED",
          `${flows.join(", ")} ${flows.length === 1 ? "checks its" : "check their"} records against ${ruleSet.key} in ${env.name} and would fail every message without it: stop ${flows.length === 1 ? "that flow" : "those flows"} or remove the validate_rules step first.`,
        );
      await tx.qualityRuleSetDeployment.update({
        where: { id: active.id },
        data: { activeSlot: null, supersededAt: new Date() },
      });
      await appendAudit(tx, {
        actor,
        action: "quality.ruleset.undeploy",
        entityType: "QualityRuleSetDeployment",
        entityId: active.id,
        before: {
          key: ruleSet.key,
          version: active.version.number,
          contentHash: active.contentHash,
          environment: env.key,
        },
        after: null,
      });
      await notifyRuleSetsChanged(tx, env.id);
      return { key: ruleSet.key, environmentKey: env.key, version: active.version.number };
    });
  } catch (error) {
    mapPrismaError(error, "rule-set deployment");
  }
}
