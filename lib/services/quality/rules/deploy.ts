import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction, type Tx } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { ZDeployRuleSetVersion } from "@/lib/quality/rules/inputs";
import { appendAudit } from "../../audit";
import {
  assertApprovedChangeTx,
  assertReachedPreviousTx,
  isProductionEnvironment,
  loadDeployEnvironmentTx,
} from "../../promotion";
import { lockRuleSetTx } from "./archive";
import { notifyRuleSetsChanged } from "./notify";

export type TRuleSetDeployInput = { versionId: string; environmentId: string; changeRequestId?: string | null };
export type TRuleSetDeployed = { deploymentId: string; previousVersionId: string | null; environmentKey: string };

async function loadVersion(tx: Tx, versionId: string) {
  const v = await tx.qualityRuleSetVersion.findUnique({
    where: { id: versionId },
    select: {
      id: true,
      number: true,
      contentHash: true,
      ruleSet: { select: { id: true, key: true } },
    },
  });
  if (!v)
    throw new AppError("NOT_FOUND", "That rule-set version does not exist.", {
      fieldErrors: { versionId: ["Choose an existing version."] },
    });
  return v;
}
type TLoadedVersion = Awaited<ReturnType<typeof loadVersion>>;

function promotionGate(tx: Tx, v: TLoadedVersion, env: { id: string; key: string; name: string; sortOrder: number }) {
  return assertReachedPreviousTx(
    tx,
    env,
    { subject: `Rule set ${v.ruleSet.key} v${v.number}`, short: `v${v.number}`, verb: "deploy" },
    async (environmentId) =>
      !!(await tx.qualityRuleSetDeployment.findFirst({
        where: { versionId: v.id, environmentId },
        select: { id: true },
      })),
  );
}

/** dev → test → prod, checked alone (the CLI's apply binds a version to a change before deploying). */
export async function assertRuleSetPromotedTx(tx: Tx, versionId: string, environmentId: string): Promise<void> {
  await promotionGate(tx, await loadVersion(tx, versionId), await loadDeployEnvironmentTx(tx, environmentId));
}

/**
 * Makes a version the one the engine enforces for its rule set in an environment, superseding the
 * previous one, inside the caller's transaction (portal, config apply, a change's implementation).
 * Promotion goes dev → test → prod; production needs an approved change bound to the version's hash.
 */
export async function deployRuleSetVersionTx(
  tx: Tx,
  actor: Actor,
  input: TRuleSetDeployInput,
  now = new Date(),
): Promise<TRuleSetDeployed> {
  assertCan(actor, "quality:manage");
  const v = await loadVersion(tx, input.versionId);
  const env = await loadDeployEnvironmentTx(tx, input.environmentId);
  // Locked, so an archive running meanwhile either sees this deployment or makes this deploy wait and refuse.
  if ((await lockRuleSetTx(tx, v.ruleSet.id)).archivedAt)
    throw new AppError(
      "PRECONDITION_FAILED",
      `${v.ruleSet.key} is archived: an archived rule set cannot be deployed. Restore it first.`,
    );
  await promotionGate(tx, v, env);
  const change = isProductionEnvironment(env)
    ? await assertApprovedChangeTx(tx, env, input.changeRequestId, {
        kind: "ruleset",
        id: v.id,
        contentHash: v.contentHash,
        subject: `rule set ${v.ruleSet.key} v${v.number}`,
        verb: "runs",
        ask: `request a change for rule set ${v.ruleSet.key} v${v.number}`,
      })
    : input.changeRequestId
      ? await tx.changeRequest.findUnique({ where: { id: input.changeRequestId }, select: { id: true, number: true } })
      : null;
  if (input.changeRequestId && !change) throw new AppError("NOT_FOUND", "That change request does not exist.");

  const slot = `${v.ruleSet.id}:${env.id}`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`switchboard.ruleset-deploy:${slot}`}))`;
  const previous = await tx.qualityRuleSetDeployment.findUnique({
    where: { activeSlot: slot },
    select: { id: true, versionId: true, contentHash: true, version: { select: { number: true } } },
  });
  if (previous?.versionId === v.id)
    throw new AppError("CONFLICT", `${env.name} already enforces v${v.number} of ${v.ruleSet.key}.`);
  if (previous)
    await tx.qualityRuleSetDeployment.update({
      where: { id: previous.id },
      data: { activeSlot: null, supersededAt: now },
    });
  const created = await tx.qualityRuleSetDeployment.create({
    data: {
      ruleSetId: v.ruleSet.id,
      versionId: v.id,
      environmentId: env.id,
      contentHash: v.contentHash,
      activeSlot: slot,
      changeRequestId: change?.id ?? null,
      deployedBy: actor.email,
      deployedAt: now,
    },
  });
  await appendAudit(tx, {
    actor,
    action: "quality.ruleset.deploy",
    entityType: "QualityRuleSetDeployment",
    entityId: created.id,
    before: previous
      ? {
          key: v.ruleSet.key,
          version: previous.version.number,
          contentHash: previous.contentHash,
          environment: env.key,
        }
      : null,
    after: {
      key: v.ruleSet.key,
      version: v.number,
      contentHash: v.contentHash,
      environment: env.key,
      ...(change ? { changeRequest: `CHG-${change.number}` } : {}),
    },
  });
  await notifyRuleSetsChanged(tx, env.id);
  return { deploymentId: created.id, previousVersionId: previous?.versionId ?? null, environmentKey: env.key };
}

/** The portal's deploy button: any environment; production refuses without a change (request one instead). */
export async function deployRuleSetVersion(actor: Actor, raw: unknown): Promise<TRuleSetDeployed & { key: string }> {
  assertCan(actor, "quality:manage");
  const input = ZDeployRuleSetVersion.parse(raw);
  try {
    return await transaction(async (tx) => {
      const deployed = await deployRuleSetVersionTx(tx, actor, input);
      const v = await loadVersion(tx, input.versionId);
      return { ...deployed, key: v.ruleSet.key };
    });
  } catch (error) {
    mapPrismaError(error, "rule-set deployment");
  }
}
