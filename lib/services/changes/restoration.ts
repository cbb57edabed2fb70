import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZRestorationStepInput } from "@/lib/validation/rollback";
import { appendAudit } from "../audit";

export type TRestorationStep = {
  id: string;
  seq: number;
  kind: "replay" | "compensate";
  messageId: string;
  runId: string | null;
  deadLetterId: string | null;
  description: string;
  status: "pending" | "running" | "done" | "failed" | "skipped";
  doneBy: string | null;
  doneAt: string | null;
  note: string;
  /** A compensate step whose run kept its input payload can also replay it on the good version. */
  canReplay: boolean;
};

export type TRestorationPlan = {
  id: string;
  changeId: string;
  badDeploymentId: string;
  goodDeploymentId: string;
  status: "open" | "done";
  createdAt: string;
  steps: TRestorationStep[];
  counts: { pending: number; done: number; skipped: number; failed: number };
};

type TRunStep = { step?: string; kind?: string; component?: string; status?: string };
type TOutputSpec = { id?: string; use?: string; config?: Record<string, unknown> };

/** Where an output of the bad version wrote, from its unresolved spec: never a resolved secret. */
function targetOf(output: TOutputSpec | undefined): string {
  const c = output?.config ?? {};
  for (const key of ["url", "queue", "topic", "table", "path", "exchange"])
    if (typeof c[key] === "string") return `${key} ${String(c[key])}`;
  return "its target";
}

/** Delivered outputs of a run: the output steps that succeeded, with the component and target of each. */
function deliveredTo(steps: unknown, outputs: TOutputSpec[]): string[] {
  if (!Array.isArray(steps)) return [];
  return (steps as TRunStep[])
    .filter((s) => s.kind === "output" && s.status === "ok")
    .map((s) => `${s.step} (${s.component}, ${targetOf(outputs.find((o) => o.id === s.step))})`);
}

async function lockPlan(tx: Tx, planId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`switchboard.restoration:${planId}`}))`;
}

/**
 * Adds a step for every message of the bad deployment the plan does not list yet, from lineage (its
 * latest run of each message) and the dead letter channel. Lineage reaches the database a moment after
 * a run, and the bad version may finish in-flight messages after the rollback committed, so the plan is
 * brought up to date whenever it is read while open; steps already listed keep their place and state.
 * A dead-lettered message is replayed on the good version; a message the bad version handled otherwise
 * gets a compensation step naming what it delivered where.
 */
export async function syncRestorationPlanTx(tx: Tx, planId: string): Promise<number> {
  await lockPlan(tx, planId);
  const plan = await tx.restorationPlan.findUniqueOrThrow({
    where: { id: planId },
    include: { steps: { select: { messageId: true, seq: true } } },
  });
  const bad = await tx.deployment.findUniqueOrThrow({
    where: { id: plan.badDeploymentId },
    include: { flow: { select: { name: true } }, flowVersion: { select: { version: true, spec: true } } },
  });
  const good = await tx.deployment.findUniqueOrThrow({
    where: { id: plan.goodDeploymentId },
    select: { flowVersion: { select: { version: true } } },
  });
  const listed = new Set(plan.steps.map((s) => s.messageId));
  let seq = plan.steps.reduce((m, s) => Math.max(m, s.seq), 0);
  // The latest attempt of each message this deployment ran (runs of one message share its id).
  const runs = await tx.$queryRaw<
    { id: string; messageId: string; status: string; startedAt: Date; steps: unknown; hasInput: boolean }[]
  >`SELECT DISTINCT ON ("messageId") "id", "messageId", "status"::text AS "status", "startedAt", "steps",
           ("inputPayload" IS NOT NULL) AS "hasInput"
    FROM "MessageRun" WHERE "deploymentId" = ${bad.id}
    ORDER BY "messageId", "startedAt" DESC, "attempt" DESC`;
  const letters = await tx.deadLetter.findMany({
    where: { deploymentId: bad.id },
    orderBy: { createdAt: "asc" },
    select: { id: true, messageId: true, runId: true, failedStep: true, error: true, status: true },
  });
  const letterOf = new Map(letters.map((l) => [l.messageId, l]));
  const outputs = ((bad.flowVersion.spec as { outputs?: TOutputSpec[] }).outputs ?? []) as TOutputSpec[];
  const name = `${bad.flow.name} v${bad.flowVersion.version}`;
  const goodName = `v${good.flowVersion.version}`;
  const steps: {
    kind: string;
    messageId: string;
    runId: string | null;
    deadLetterId: string | null;
    description: string;
  }[] = [];
  const runsInOrder = [...runs].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  for (const run of runsInOrder) {
    if (listed.has(run.messageId)) continue;
    listed.add(run.messageId);
    const letter = letterOf.get(run.messageId);
    if (letter) {
      steps.push({
        kind: "replay",
        messageId: run.messageId,
        runId: run.id,
        deadLetterId: letter.id,
        description: `${name} dead-lettered message ${run.messageId} at ${letter.failedStep} (${letter.error}): replay it on ${goodName}.`,
      });
      continue;
    }
    const to = deliveredTo(run.steps, outputs);
    const delivered = to.length
      ? `delivered message ${run.messageId} to ${to.join(", ")}`
      : `handled message ${run.messageId} (${run.status}, nothing delivered)`;
    steps.push({
      kind: "compensate",
      messageId: run.messageId,
      runId: run.id,
      deadLetterId: null,
      description: `${name} ${delivered} at ${run.startedAt.toISOString()}: check what it wrote there and correct or undo it${run.hasInput ? `, or replay its input on ${goodName}` : ""}.`,
    });
  }
  for (const letter of letters) {
    if (listed.has(letter.messageId)) continue;
    listed.add(letter.messageId);
    steps.push({
      kind: "replay",
      messageId: letter.messageId,
      runId: letter.runId,
      deadLetterId: letter.id,
      description: `${name} dead-lettered message ${letter.messageId} at ${letter.failedStep} (${letter.error}): replay it on ${goodName}.`,
    });
  }
  if (!steps.length) return 0;
  await tx.restorationStep.createMany({ data: steps.map((s) => ({ ...s, planId, seq: ++seq })) });
  if (plan.status === "done") await tx.restorationPlan.update({ where: { id: planId }, data: { status: "open" } });
  return steps.length;
}

/** The plan that comes with a rollback: built in the rollback's transaction, completed as lineage arrives. */
export async function buildRestorationPlanTx(
  tx: Tx,
  input: { changeId: string; badDeploymentId: string; goodDeploymentId: string },
): Promise<{ id: string; steps: number }> {
  const plan = await tx.restorationPlan.create({
    data: {
      changeRequestId: input.changeId,
      badDeploymentId: input.badDeploymentId,
      goodDeploymentId: input.goodDeploymentId,
    },
    select: { id: true },
  });
  return { id: plan.id, steps: await syncRestorationPlanTx(tx, plan.id) };
}

async function toPlan(tx: Tx, planId: string): Promise<TRestorationPlan> {
  const plan = await tx.restorationPlan.findUniqueOrThrow({
    where: { id: planId },
    include: { steps: { orderBy: { seq: "asc" } } },
  });
  const runIds = plan.steps.filter((s) => s.kind === "compensate" && s.runId).map((s) => s.runId!);
  const withInput = new Set(
    (
      await tx.messageRun.findMany({
        where: { id: { in: runIds }, inputPayload: { not: null } },
        select: { id: true },
      })
    ).map((r) => r.id),
  );
  const counts = { pending: 0, done: 0, skipped: 0, failed: 0 };
  for (const s of plan.steps) if (s.status in counts) counts[s.status as keyof typeof counts]++;
  return {
    id: plan.id,
    changeId: plan.changeRequestId,
    badDeploymentId: plan.badDeploymentId,
    goodDeploymentId: plan.goodDeploymentId,
    status: plan.status,
    createdAt: plan.createdAt.toISOString(),
    counts,
    steps: plan.steps.map((s) => ({
      id: s.id,
      seq: s.seq,
      kind: s.kind === "replay" ? "replay" : "compensate",
      messageId: s.messageId,
      runId: s.runId,
      deadLetterId: s.deadLetterId,
      description: s.description,
      status: s.status,
      doneBy: s.doneById,
      doneAt: s.doneAt?.toISOString() ?? null,
      note: s.note,
      canReplay: s.kind === "compensate" && s.runId !== null && withInput.has(s.runId),
    })),
  };
}

/** The restoration plans of a change (a rollback has one), brought up to date with late lineage. */
export async function getRestorationPlan(actor: Actor, changeId: string): Promise<TRestorationPlan | null> {
  assertCan(actor, "change:read");
  const plan = await db().restorationPlan.findFirst({
    where: { changeRequestId: changeId },
    orderBy: { createdAt: "desc" },
    select: { id: true, status: true },
  });
  if (!plan) return null;
  return transaction(async (tx) => {
    if (plan.status === "open") await syncRestorationPlanTx(tx, plan.id);
    return toPlan(tx, plan.id);
  }, 30_000);
}

/**
 * Replays a message on the good version through the existing replay mechanism: the dead letter is
 * marked replay_requested for the good version and an engine re-publishes it. requestReplay only
 * allows the same or a newer version; a rollback is the one case where the older version is the
 * known-good one, so the restoration plan sets the target itself (and audits it).
 */
async function replayOnGoodTx(
  tx: Tx,
  actor: Actor,
  step: { id: string; messageId: string; deadLetterId: string | null; runId: string | null },
  good: { flowVersionId: string; environmentId: string; flowId: string },
  label: string,
): Promise<string> {
  if (step.deadLetterId) {
    const n = await tx.deadLetter.updateMany({
      where: { id: step.deadLetterId, status: "pending" },
      data: {
        status: "replay_requested",
        replayFlowVersionId: good.flowVersionId,
        replayRequestedBy: actor.email,
        replayRequestedAt: new Date(),
        replayError: null,
      },
    });
    if (!n.count)
      throw new AppError(
        "CONFLICT",
        `The dead letter of message ${step.messageId} is no longer pending (replayed or discarded meanwhile).`,
      );
    await appendAudit(tx, {
      actor,
      action: "dlq.replay",
      entityType: "DeadLetter",
      entityId: step.deadLetterId,
      before: { status: "pending" },
      after: { status: "replay_requested", targetVersionId: good.flowVersionId, restoration: label },
    });
    return step.deadLetterId;
  }
  // A message the bad version delivered, whose run kept its input: replayed through a dead letter row
  // made for it (the replay mechanism's unit), so it shows in the channel as replayed by this plan.
  const run = step.runId
    ? await tx.messageRun.findUnique({
        where: { id: step.runId },
        select: { inputPayload: true, correlationId: true, flowVersionId: true },
      })
    : null;
  if (!run?.inputPayload)
    throw new AppError("PRECONDITION_FAILED", `The run of message ${step.messageId} kept no input payload to replay.`);
  const letter = await tx.deadLetter.create({
    data: {
      flowId: good.flowId,
      flowVersionId: run.flowVersionId,
      environmentId: good.environmentId,
      messageId: step.messageId,
      correlationId: run.correlationId,
      runId: step.runId,
      originalBody: run.inputPayload,
      originalHeaders: { correlationId: run.correlationId },
      failedStep: "restoration",
      error: `Replayed on the good version by the restoration plan of ${label}`,
      errorKind: "restoration",
      status: "replay_requested",
      replayFlowVersionId: good.flowVersionId,
      replayRequestedBy: actor.email,
      replayRequestedAt: new Date(),
    },
    select: { id: true },
  });
  await appendAudit(tx, {
    actor,
    action: "dlq.replay",
    entityType: "DeadLetter",
    entityId: letter.id,
    after: {
      status: "replay_requested",
      targetVersionId: good.flowVersionId,
      restoration: label,
      messageId: step.messageId,
    },
  });
  return letter.id;
}

async function finishStepTx(
  tx: Tx,
  actor: Actor,
  stepId: string,
  status: "done" | "skipped",
  note: string,
  replay: boolean,
): Promise<{ step: TRestorationStep; planStatus: "open" | "done" }> {
  const found = await tx.restorationStep.findUnique({
    where: { id: stepId },
    include: { plan: { include: { change: { select: { number: true } } } } },
  });
  if (!found) throw new AppError("NOT_FOUND", "That restoration step does not exist.");
  await lockPlan(tx, found.planId);
  const step = await tx.restorationStep.findUniqueOrThrow({ where: { id: stepId } });
  if (step.status !== "pending" && step.status !== "failed")
    throw new AppError("CONFLICT", `This step is already ${step.status}.`);
  const label = `CHG-${found.plan.change.number}`;
  let replayedAs: string | null = null;
  if (status === "done" && (step.kind === "replay" || replay)) {
    const good = await tx.deployment.findUniqueOrThrow({
      where: { id: found.plan.goodDeploymentId },
      select: { flowVersionId: true, environmentId: true, flowId: true },
    });
    replayedAs = await replayOnGoodTx(tx, actor, step, good, label);
  }
  await tx.restorationStep.update({
    where: { id: stepId },
    // doneById holds the email, as Deployment.deployedBy does: readable for system actors too.
    data: { status, doneById: actor.email, doneAt: new Date(), note },
  });
  const pending = await tx.restorationStep.count({
    where: { planId: found.planId, status: { in: ["pending", "running", "failed"] } },
  });
  const planStatus = pending ? "open" : "done";
  if (planStatus !== found.plan.status)
    await tx.restorationPlan.update({ where: { id: found.planId }, data: { status: planStatus } });
  await appendAudit(tx, {
    actor,
    action: status === "done" ? "restoration.execute" : "restoration.skip",
    entityType: "RestorationStep",
    entityId: stepId,
    before: { status: step.status },
    after: {
      status,
      change: label,
      kind: step.kind,
      messageId: step.messageId,
      ...(note ? { note } : {}),
      ...(replayedAs ? { replayDeadLetterId: replayedAs } : {}),
      planStatus,
    },
  });
  const plan = await toPlan(tx, found.planId);
  return { step: plan.steps.find((s) => s.id === stepId)!, planStatus };
}

/**
 * Executes one step: a replay step asks the engines to replay the dead letter on the good version; a
 * compensate step records that the compensation was done (who, when, the note), and with `replay`
 * also replays the run's kept input on the good version. The plan is done when no step is pending.
 */
export async function executeRestorationStep(actor: Actor, raw: unknown) {
  assertCan(actor, "change:implement");
  const input = ZRestorationStepInput.parse(raw);
  return transaction((tx) => finishStepTx(tx, actor, input.stepId, "done", input.note, input.replay), 30_000);
}

/** Skips a step (nothing to restore for that message), with the note saying why. */
export async function skipRestorationStep(actor: Actor, raw: unknown) {
  assertCan(actor, "change:implement");
  const input = ZRestorationStepInput.parse(raw);
  return transaction((tx) => finishStepTx(tx, actor, input.stepId, "skipped", input.note, false), 30_000);
}
