import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZRollbackInput } from "@/lib/validation/rollback";
import { appendAudit } from "../audit";
import { configKind } from "../config-kinds";
import { openChangeRequestTx, type TChangeSource } from "./requests";
import { buildRestorationPlanTx } from "./restoration";

export type TRollbackResult = {
  changeId: string;
  changeNumber: number;
  badDeploymentId: string;
  goodDeploymentId: string;
  fromVersion: number;
  toVersion: number;
  planId: string;
  /** Steps the plan listed when the rollback committed; it grows as the bad version's last lineage arrives. */
  steps: number;
};

export type TRollbackOptions = {
  source?: TChangeSource;
  /** The change's title and description (the automatic rollback names its figures). */
  title?: string;
  description?: string;
  now?: Date;
};

/** An emergency change's window: open now (a minute back, for clock skew with the engine), for an hour. */
const WINDOW_BACK_MS = 60_000;
const WINDOW_MS = 60 * 60_000;

/**
 * Returns a flow in an environment to its last good version, in one transaction: an emergency change
 * (rolling back the bad deployment's change, if any) binds the good version; the bad deployment is
 * marked rolled back; the good version is deployed bound to that change, superseding the bad one
 * through the flow's active slot (the engines switch atomically: the old worker stops taking
 * messages, finishes or returns its in-flight ones to the queue, and the new worker takes what waits
 * there); the change is implemented; the restoration plan lists what the bad version did.
 * The last good version: the most recent earlier deployment in that environment of a different
 * content hash that an engine ran (activatedAt) and that was not itself rolled back.
 */
export async function rollbackEnvironment(
  actor: Actor,
  raw: unknown,
  opts: TRollbackOptions = {},
): Promise<TRollbackResult> {
  assertCan(actor, "change:implement");
  const input = ZRollbackInput.parse(raw);
  const now = opts.now ?? new Date();
  return transaction(async (tx) => {
    const env = await tx.environment.findUnique({ where: { key: input.environmentKey } });
    if (!env)
      throw new AppError("NOT_FOUND", `No environment "${input.environmentKey}".`, {
        fieldErrors: { environmentKey: ["Choose an existing environment."] },
      });
    const slot = `${input.flowId}:${env.id}`;
    // The same lock deployVersionTx takes: no deploy of this flow and environment interleaves.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`switchboard.deploy:${slot}`}))`;
    const bad = await tx.deployment.findUnique({
      where: { activeSlot: slot },
      include: {
        flow: { select: { name: true } },
        flowVersion: { select: { version: true } },
        change: { select: { id: true, number: true, status: true } },
      },
    });
    if (!bad) throw new AppError("NOT_FOUND", `This flow has no active deployment in ${env.key} to roll back.`);
    const good = await tx.deployment.findFirst({
      where: {
        flowId: input.flowId,
        environmentId: env.id,
        deployedAt: { lt: bad.deployedAt },
        contentHash: { not: bad.contentHash },
        activatedAt: { not: null },
        rolledBackAt: null,
      },
      orderBy: { deployedAt: "desc" },
      include: { flowVersion: { select: { version: true } } },
    });
    const what = `${bad.flow.name} v${bad.flowVersion.version}`;
    if (!good)
      throw new AppError(
        "PRECONDITION_FAILED",
        `${what} has no earlier good version in ${env.key} to return to (one that ran there and was not rolled back).`,
      );
    const change = await openChangeRequestTx(
      tx,
      actor,
      {
        title: opts.title ?? `Rollback of ${what} in ${env.key}`,
        description: opts.description ?? input.reason,
        type: "emergency",
        environmentKey: env.key,
        windowStart: new Date(now.getTime() - WINDOW_BACK_MS),
        windowEnd: new Date(now.getTime() + WINDOW_MS),
        rolloutPlan: `Return ${bad.flow.name} to v${good.flowVersion.version} (deployment ${good.id}); the engine switches workers, in-flight messages finish or return to the queue.`,
        rollbackPlan: `Redeploy v${bad.flowVersion.version} through a new change once it is fixed.`,
        items: [{ kind: "flow", versionId: good.flowVersionId }],
        rollbackOfId: bad.change?.id,
      },
      opts.source ?? "portal",
      now,
    );
    await tx.deployment.update({ where: { id: bad.id }, data: { rolledBackAt: now } });
    const deployed = await configKind("flow").deploy(tx, actor, {
      versionId: good.flowVersionId,
      environmentId: env.id,
      changeRequestId: change.id,
    });
    await tx.changeRequest.update({
      where: { id: change.id },
      data: { status: "implemented", implementedById: actor.id, implementedAt: now },
    });
    if (bad.change && (bad.change.status === "implemented" || bad.change.status === "approved"))
      await tx.changeRequest.update({ where: { id: bad.change.id }, data: { status: "rolled_back" } });
    const plan = await buildRestorationPlanTx(tx, {
      changeId: change.id,
      badDeploymentId: bad.id,
      goodDeploymentId: deployed.deploymentId,
    });
    await appendAudit(tx, {
      actor,
      action: "change.rollback",
      entityType: "ChangeRequest",
      entityId: change.id,
      before: {
        deployment: bad.id,
        version: bad.flowVersion.version,
        change: bad.change ? `CHG-${bad.change.number}` : null,
      },
      after: {
        number: change.number,
        status: "implemented",
        deployment: deployed.deploymentId,
        version: good.flowVersion.version,
        environment: env.key,
        reason: input.reason,
        restorationPlan: plan.id,
        steps: plan.steps,
      },
    });
    return {
      changeId: change.id,
      changeNumber: change.number,
      badDeploymentId: bad.id,
      goodDeploymentId: deployed.deploymentId,
      fromVersion: bad.flowVersion.version,
      toVersion: good.flowVersion.version,
      planId: plan.id,
      steps: plan.steps,
    };
  }, 60_000);
}
