import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction, type Prisma, type Tx } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { lineageSettings, ZLineagePolicy, type TLineageLevel } from "@/lib/validation/flow-spec";
import { ZDeployInput, ZDeploymentControlInput, type TDeploymentAction } from "@/lib/validation/flows";
import { appendAudit } from "../audit";
import { assertApprovedChangeTx, assertReachedPreviousTx, isProductionEnvironment } from "../promotion";
import { flowInterfaceLinkTx, isResidencyFlagged } from "./residency";

export type EnvironmentRow = { id: string; key: string; name: string; isProduction: boolean };

export type DeploymentRow = {
  id: string;
  flowId: string;
  flowVersionId: string;
  version: number;
  environmentId: string;
  environmentKey: string;
  contentHash: string;
  desiredState: "running" | "paused" | "stopped";
  actualState: "pending" | "starting" | "running" | "paused" | "stopped" | "failed" | "refused";
  actualError: string | null;
  actualAt: string | null;
  deployedBy: string;
  deployedAt: string;
  isActive: boolean;
  /** The deployed version's policy.lineage: which runs the engine keeps. */
  lineage: { level: TLineageLevel; sampleRate: number };
};

export const deploymentInclude = {
  flowVersion: { select: { version: true, spec: true } },
  environment: { select: { key: true } },
} as const;
type DeploymentRecord = Prisma.DeploymentGetPayload<{ include: typeof deploymentInclude }>;

export function toDeploymentRow(d: DeploymentRecord): DeploymentRow {
  return {
    id: d.id,
    flowId: d.flowId,
    flowVersionId: d.flowVersionId,
    version: d.flowVersion.version,
    environmentId: d.environmentId,
    environmentKey: d.environment.key,
    contentHash: d.contentHash,
    desiredState: d.desiredState,
    actualState: d.actualState,
    actualError: d.actualError,
    actualAt: d.actualAt?.toISOString() ?? null,
    deployedBy: d.deployedBy,
    deployedAt: d.deployedAt.toISOString(),
    isActive: d.activeSlot !== null,
    lineage: lineageOf(d.flowVersion.spec),
  };
}

/** A stored spec's lineage setting; specs are validated when saved, so a parse failure means the default. */
export function lineageOf(spec: Prisma.JsonValue): DeploymentRow["lineage"] {
  const raw = spec && typeof spec === "object" && !Array.isArray(spec) ? spec.policy : undefined;
  const policy = raw && typeof raw === "object" && !Array.isArray(raw) ? raw.lineage : undefined;
  const parsed = ZLineagePolicy.safeParse(policy);
  return lineageSettings({ lineage: parsed.success ? parsed.data : undefined });
}

export async function listEnvironments(actor: Actor): Promise<EnvironmentRow[]> {
  assertCan(actor, "flow:read");
  return db().environment.findMany({
    orderBy: { sortOrder: "asc" },
    select: { id: true, key: true, name: true, isProduction: true },
  });
}

/**
 * A flow whose interface's current architecture decision is flagged for data residency goes to
 * production only when the deployer acknowledges the flag; the acknowledgement is audited with the
 * decision it refers to. Returns that decision for the audit entry, or null when nothing is flagged.
 */
async function residencyGate(
  tx: Tx,
  flowId: string,
  isAcknowledged: boolean,
): Promise<{ decision: string; interface: string } | null> {
  const link = await flowInterfaceLinkTx(tx, flowId);
  if (!link?.decision || !isResidencyFlagged(link)) return null;
  const decision = `ADR-${link.decision.number}`;
  if (!isAcknowledged) {
    throw new AppError(
      "PRECONDITION_FAILED",
      `This flow implements "${link.name}", which ${decision} flags for data residency (EU personal data to a non-EU target without a recorded legal basis). Acknowledge the flag to deploy it to production.`,
      {
        fieldErrors: {
          acknowledgeResidency: [`Acknowledge the residency flag of ${decision} to deploy to production.`],
        },
      },
    );
  }
  return { decision, interface: link.name };
}

export type TDeployVersionInput = {
  versionId: string;
  environmentId: string;
  /** The change that approved this version for production (required there; optional elsewhere). */
  changeRequestId?: string | null;
  /** The direct path's acknowledgement of a residency flag; through a change the CAB's approval is it. */
  acknowledgeResidency?: boolean;
};

/** dev → test → prod: see assertReachedPreviousTx. */
function promotionGate(
  tx: Tx,
  version: { id: string; version: number; flowName: string },
  env: { id: string; key: string; name: string; sortOrder: number },
): Promise<void> {
  return assertReachedPreviousTx(
    tx,
    env,
    { subject: `${version.flowName} v${version.version}`, short: `v${version.version}`, verb: "deploy" },
    async (environmentId) =>
      !!(await tx.deployment.findFirst({ where: { flowVersionId: version.id, environmentId }, select: { id: true } })),
  );
}

/**
 * The promotion check alone, for a caller that binds a version to a change rather than deploying it now
 * (the CLI's apply to production): a change must not ask the CAB for a version test never ran.
 */
export async function assertPromotedTx(tx: Tx, versionId: string, environmentId: string): Promise<void> {
  const version = await tx.flowVersion.findUnique({
    where: { id: versionId },
    select: { id: true, version: true, flow: { select: { name: true } } },
  });
  const env = await tx.environment.findUnique({
    where: { id: environmentId },
    select: { id: true, key: true, name: true, sortOrder: true },
  });
  if (!version || !env) throw new AppError("NOT_FOUND", "That flow version or environment does not exist.");
  await promotionGate(tx, { ...version, flowName: version.flow.name }, env);
}

/**
 * Production runs only what the CAB approved: a change for this environment, approved (or an emergency
 * change, which may deploy first and is reviewed afterwards), with an item bound to this version's hash.
 */
async function changeGate(
  tx: Tx,
  version: { id: string; version: number; contentHash: string; flowName: string },
  env: { id: string; key: string },
  changeRequestId: string | null | undefined,
): Promise<{ id: string; number: number }> {
  return assertApprovedChangeTx(tx, env, changeRequestId, {
    kind: "flow",
    id: version.id,
    contentHash: version.contentHash,
    subject: `${version.flowName} v${version.version}`,
    verb: "runs",
    ask: `open a change request for ${version.flowName} v${version.version}`,
  });
}

/**
 * Makes a version the active deployment of its flow in an environment, superseding the previous one, inside
 * the caller's transaction (the portal, the CLI's apply and the change implementation share it). The
 * portal only writes desired state; a trigger on Deployment NOTIFYs `switchboard_deployments` on commit
 * and the engines act on it (and check the change binding again before they run anything in production).
 */
export async function deployVersionTx(tx: Tx, actor: Actor, input: TDeployVersionInput): Promise<DeploymentRow> {
  assertCan(actor, "flow:deploy");
  const version = await tx.flowVersion.findUnique({
    where: { id: input.versionId },
    select: { id: true, flowId: true, version: true, contentHash: true, flow: { select: { name: true } } },
  });
  if (!version)
    throw new AppError("NOT_FOUND", "That flow version does not exist.", {
      fieldErrors: { flowVersionId: ["Choose an existing version."] },
    });
  const env = await tx.environment.findUnique({
    where: { id: input.environmentId },
    select: { id: true, key: true, name: true, isProduction: true, sortOrder: true },
  });
  if (!env)
    throw new AppError("NOT_FOUND", "That environment does not exist.", {
      fieldErrors: { environmentId: ["Choose an environment."] },
    });
  const ref = { ...version, flowName: version.flow.name };
  await promotionGate(tx, ref, env);
  const isProduction = isProductionEnvironment(env);
  let residency: Record<string, unknown> | null = null;
  if (isProduction && !input.changeRequestId) {
    // The direct path still asks for the residency acknowledgement first (the portal's form shows it), then
    // is refused: production runs only what a change approved.
    await residencyGate(tx, version.flowId, input.acknowledgeResidency ?? false);
  }
  const change = isProduction
    ? await changeGate(tx, ref, env, input.changeRequestId)
    : input.changeRequestId
      ? await tx.changeRequest.findUnique({ where: { id: input.changeRequestId }, select: { id: true, number: true } })
      : null;
  if (input.changeRequestId && !change) throw new AppError("NOT_FOUND", "That change request does not exist.");
  if (isProduction && change) {
    // The CAB approved the change knowing the flag (its risk factors show it): that is the acknowledgement.
    const link = await flowInterfaceLinkTx(tx, version.flowId);
    if (link?.decision && isResidencyFlagged(link))
      residency = {
        decision: `ADR-${link.decision.number}`,
        interface: link.name,
        acknowledgedBy: `CAB approval of CHG-${change.number}`,
      };
  }
  const slot = `${version.flowId}:${env.id}`;
  // Serialise concurrent deploys of the same flow and environment.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`switchboard.deploy:${slot}`}))`;
  const previous = await tx.deployment.findUnique({ where: { activeSlot: slot }, include: deploymentInclude });
  if (previous) {
    await tx.deployment.update({
      where: { id: previous.id },
      data: { activeSlot: null, supersededAt: new Date() },
    });
  }
  const created = await tx.deployment.create({
    data: {
      flowId: version.flowId,
      flowVersionId: version.id,
      environmentId: env.id,
      contentHash: version.contentHash,
      desiredState: "running",
      activeSlot: slot,
      deployedBy: actor.email,
      changeRequestId: change?.id ?? null,
    },
    include: deploymentInclude,
  });
  await appendAudit(tx, {
    actor,
    action: "flow.deploy",
    entityType: "Deployment",
    entityId: created.id,
    before: previous
      ? { version: previous.flowVersion.version, contentHash: previous.contentHash, environment: env.key }
      : null,
    after: {
      version: version.version,
      contentHash: version.contentHash,
      environment: env.key,
      desiredState: "running",
      ...(change ? { changeRequest: `CHG-${change.number}` } : {}),
      ...(residency ? { residencyAcknowledged: residency } : {}),
    },
  });
  return toDeploymentRow(created);
}

/** The portal's deploy (no change request): every environment but production, which needs a change. */
export async function deployFlowVersion(actor: Actor, raw: unknown): Promise<DeploymentRow> {
  assertCan(actor, "flow:deploy");
  const input = ZDeployInput.parse(raw);
  try {
    return await transaction((tx) =>
      deployVersionTx(tx, actor, {
        versionId: input.flowVersionId,
        environmentId: input.environmentId,
        acknowledgeResidency: input.acknowledgeResidency,
      }),
    );
  } catch (error) {
    mapPrismaError(error, "deployment");
  }
}

const TRANSITIONS: Record<
  TDeploymentAction,
  { from: readonly DeploymentRow["desiredState"][]; to: DeploymentRow["desiredState"] }
> = {
  start: { from: ["stopped"], to: "running" },
  pause: { from: ["running"], to: "paused" },
  resume: { from: ["paused"], to: "running" },
  stop: { from: ["running", "paused"], to: "stopped" },
};

/** Start, pause, resume or stop the active deployment: writes desired state for the engines. */
export async function controlDeployment(actor: Actor, raw: unknown): Promise<DeploymentRow> {
  assertCan(actor, "flow:operate");
  const input = ZDeploymentControlInput.parse(raw);
  return transaction((tx) => controlDeploymentTx(tx, actor, input));
}

/** The same inside the caller's transaction (a retirement stops the flow's deployments with its other writes). */
export async function controlDeploymentTx(
  tx: Tx,
  actor: Actor,
  input: { deploymentId: string; action: TDeploymentAction },
): Promise<DeploymentRow> {
  assertCan(actor, "flow:operate");
  const rule = TRANSITIONS[input.action];
  const before = await tx.deployment.findUnique({ where: { id: input.deploymentId }, include: deploymentInclude });
  if (!before) throw new AppError("NOT_FOUND", "That deployment does not exist.");
  if (before.activeSlot === null)
    throw new AppError(
      "PRECONDITION_FAILED",
      "This deployment was superseded by a newer one; control the active deployment instead.",
    );
  if (!rule.from.includes(before.desiredState)) {
    throw new AppError(
      "CONFLICT",
      `Cannot ${input.action} a deployment that is ${before.desiredState}; it must be ${rule.from.join(" or ")}.`,
    );
  }
  const after = await tx.deployment.update({
    where: { id: before.id },
    data: { desiredState: rule.to },
    include: deploymentInclude,
  });
  await appendAudit(tx, {
    actor,
    action: `flow.${input.action}`,
    entityType: "Deployment",
    entityId: after.id,
    before: { desiredState: before.desiredState },
    after: { desiredState: after.desiredState },
  });
  return toDeploymentRow(after);
}
