import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { apiItemKey } from "@/lib/apis/document";
import { transaction, type Tx } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { ZPublishApiRevision } from "@/lib/validation/apis";
import { appendAudit } from "../audit";
import {
  assertApprovedChangeTx,
  assertReachedPreviousTx,
  isProductionEnvironment,
  loadDeployEnvironmentTx,
} from "../promotion";
import { breakingGateTx, gateRefusal } from "./gate";
import { notifyApiGateway } from "./notify";

export type TApiDeployInput = {
  /** The revision (the config version). */
  versionId: string;
  environmentId: string;
  /** The change that approved the revision for production (required there). */
  changeRequestId?: string | null;
};

export type TApiDeployed = { deploymentId: string; previousVersionId: string | null; environmentKey: string };

async function loadRevision(tx: Tx, revisionId: string) {
  const revision = await tx.apiRevision.findUnique({
    where: { id: revisionId },
    select: {
      id: true,
      number: true,
      contentHash: true,
      apiVersionId: true,
      apiVersion: {
        select: {
          id: true,
          major: true,
          lifecycle: true,
          publishedAt: true,
          product: { select: { key: true, archivedAt: true, name: true } },
        },
      },
    },
  });
  if (!revision)
    throw new AppError("NOT_FOUND", "That API revision does not exist.", {
      fieldErrors: { revisionId: ["Choose an existing revision."] },
    });
  return { ...revision, key: apiItemKey(revision.apiVersion.product.key, revision.apiVersion.major) };
}
type TLoadedRevision = Awaited<ReturnType<typeof loadRevision>>;

/** dev → test → prod: see assertReachedPreviousTx. */
function promotionGate(
  tx: Tx,
  revision: TLoadedRevision,
  env: { id: string; key: string; name: string; sortOrder: number },
): Promise<void> {
  return assertReachedPreviousTx(
    tx,
    env,
    { subject: `${revision.key} revision ${revision.number}`, short: `revision ${revision.number}`, verb: "publish" },
    async (environmentId) =>
      !!(await tx.apiDeployment.findFirst({ where: { revisionId: revision.id, environmentId }, select: { id: true } })),
  );
}

/** The promotion check alone (the CLI's apply to production binds a revision to a change without deploying). */
export async function assertApiPromotedTx(tx: Tx, revisionId: string, environmentId: string): Promise<void> {
  await promotionGate(tx, await loadRevision(tx, revisionId), await loadDeployEnvironmentTx(tx, environmentId));
}

/**
 * Production serves what the CAB approved: a change for this environment, approved (or an emergency
 * change, reviewed afterwards), with an "api" item bound to this revision's content hash.
 */
async function changeGate(
  tx: Tx,
  revision: TLoadedRevision,
  env: { id: string; key: string },
  changeRequestId: string | null | undefined,
): Promise<{ id: string; number: number }> {
  return assertApprovedChangeTx(tx, env, changeRequestId, {
    kind: "api",
    id: revision.id,
    contentHash: revision.contentHash,
    subject: `${revision.key} revision ${revision.number}`,
    verb: "serves",
    ask: `request a change for ${revision.key} revision ${revision.number}`,
  });
}

/**
 * Makes a revision what the gateway serves for its major version in an environment, superseding the
 * previous one, inside the caller's transaction (the portal, the config apply and a change's
 * implementation share it). Checks promotion, the breaking-change gate and, for production, the change.
 * The first deployment publishes the version.
 */
export async function deployApiRevisionTx(
  tx: Tx,
  actor: Actor,
  input: TApiDeployInput,
  now = new Date(),
): Promise<TApiDeployed> {
  assertCan(actor, "api:publish");
  const revision = await loadRevision(tx, input.versionId);
  const env = await loadDeployEnvironmentTx(tx, input.environmentId);
  if (revision.apiVersion.product.archivedAt)
    throw new AppError("PRECONDITION_FAILED", `${revision.apiVersion.product.name} is archived.`);
  if (revision.apiVersion.lifecycle === "retired")
    throw new AppError("PRECONDITION_FAILED", `${revision.key} is retired; it can no longer be published.`);
  await promotionGate(tx, revision, env);
  const gate = await breakingGateTx(tx, revision.id, now);
  if (gate.isBlocked) throw gateRefusal(revision.key, revision.number, gate);
  const isProduction = isProductionEnvironment(env);
  const change = isProduction
    ? await changeGate(tx, revision, env, input.changeRequestId)
    : input.changeRequestId
      ? await tx.changeRequest.findUnique({ where: { id: input.changeRequestId }, select: { id: true, number: true } })
      : null;
  if (input.changeRequestId && !change) throw new AppError("NOT_FOUND", "That change request does not exist.");

  const slot = `${revision.apiVersionId}:${env.id}`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`switchboard.api-deploy:${slot}`}))`;
  const previous = await tx.apiDeployment.findUnique({
    where: { activeSlot: slot },
    select: { id: true, revisionId: true, contentHash: true, revision: { select: { number: true } } },
  });
  if (previous?.revisionId === revision.id)
    throw new AppError("CONFLICT", `${env.name} already serves revision ${revision.number} of ${revision.key}.`);
  if (previous)
    await tx.apiDeployment.update({ where: { id: previous.id }, data: { activeSlot: null, supersededAt: now } });
  const created = await tx.apiDeployment.create({
    data: {
      apiVersionId: revision.apiVersionId,
      revisionId: revision.id,
      environmentId: env.id,
      contentHash: revision.contentHash,
      activeSlot: slot,
      changeRequestId: change?.id ?? null,
      deployedBy: actor.email,
      deployedAt: now,
    },
  });
  if (revision.apiVersion.lifecycle === "draft")
    await tx.apiVersion.update({
      where: { id: revision.apiVersionId },
      data: { lifecycle: "published", publishedAt: revision.apiVersion.publishedAt ?? now },
    });
  await appendAudit(tx, {
    actor,
    action: "api.deploy",
    entityType: "ApiDeployment",
    entityId: created.id,
    before: previous
      ? {
          key: revision.key,
          revision: previous.revision.number,
          contentHash: previous.contentHash,
          environment: env.key,
        }
      : null,
    after: {
      key: revision.key,
      revision: revision.number,
      contentHash: revision.contentHash,
      environment: env.key,
      ...(change ? { changeRequest: `CHG-${change.number}` } : {}),
      ...(gate.isGated && gate.waiver ? { waiver: gate.waiver.id } : {}),
    },
  });
  await notifyApiGateway(tx);
  return { deploymentId: created.id, previousVersionId: previous?.revisionId ?? null, environmentKey: env.key };
}

/** The portal's publish: any environment but production, which needs an approved change. */
export async function publishApiRevision(actor: Actor, raw: unknown): Promise<TApiDeployed & { key: string }> {
  assertCan(actor, "api:publish");
  const input = ZPublishApiRevision.parse(raw);
  try {
    return await transaction(async (tx) => {
      const deployed = await deployApiRevisionTx(tx, actor, {
        versionId: input.revisionId,
        environmentId: input.environmentId,
      });
      const revision = await loadRevision(tx, input.revisionId);
      return { ...deployed, key: revision.key };
    });
  } catch (error) {
    mapPrismaError(error, "API deployment");
  }
}
