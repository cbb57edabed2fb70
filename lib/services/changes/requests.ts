import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction, type Prisma, type Tx } from "@/lib/db";
import type { ChangeStatus } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { windowIssue, ZOpenChange, type TOpenChange } from "@/lib/validation/changes";
import { appendAudit } from "../audit";
import { detectConflicts } from "./conflicts";
import { resolveItems, unionImpact } from "./items";
import { changeHref, changeLabel, notifyUsers, usersWithRoles } from "./notify";
import { riskPolicyTx } from "./policy";
import { requiredQuorum } from "./quorum";
import { LEVEL_RANK } from "./risk";
import { assessRisk } from "./risk-load";

export type TChangeSource = "portal" | "cli" | "engine";
export type TOpenedChange = { id: string; number: number; status: ChangeStatus };

/** The roles whose members vote on changes (and are reminded when a vote stalls). */
export const CAB_ROLES = ["cab_member"] as const;

const json = (v: unknown) => v as Prisma.InputJsonValue;

/** Whether any of these data domains has an accountable owner (then the quorum may need them). */
export async function hasOwnedData(tx: Tx, dataDomainIds: string[]): Promise<boolean> {
  if (!dataDomainIds.length) return false;
  const n = await tx.ownership.count({ where: { dataDomainId: { in: dataDomainIds }, ownerId: { not: null } } });
  return n > 0;
}

/**
 * Opens a change inside the caller's transaction (the CLI's apply and the engine's automatic rollback
 * open theirs alongside their own writes). Binds each version to its hash, scores the risk, finds the
 * conflicts and sets the quorum. A standard change within its model's risk is approved at once.
 */
export async function openChangeRequestTx(
  tx: Tx,
  actor: Actor,
  input: TOpenChange,
  source: TChangeSource,
  now = new Date(),
): Promise<TOpenedChange> {
  const env = await tx.environment.findUnique({ where: { key: input.environmentKey } });
  if (!env)
    throw new AppError("NOT_FOUND", `No environment "${input.environmentKey}".`, {
      fieldErrors: { environmentKey: ["Choose an existing environment."] },
    });
  const issue = windowIssue(input.windowStart, input.windowEnd);
  if (issue) throw new AppError("VALIDATION", issue, { fieldErrors: { windowEnd: [issue] } });
  if (input.windowEnd <= now)
    throw new AppError("VALIDATION", "The window has already ended; choose a window in the future.", {
      fieldErrors: { windowEnd: ["Choose an end in the future."] },
    });
  if (!input.items.length)
    throw new AppError("VALIDATION", "A change deploys at least one config item version.", {
      fieldErrors: { items: ["Add at least one version."] },
    });

  const model = input.modelKey ? await tx.changeModel.findUnique({ where: { key: input.modelKey } }) : null;
  if (input.modelKey && !model)
    throw new AppError("NOT_FOUND", `No change model "${input.modelKey}".`, {
      fieldErrors: { modelKey: ["Choose an existing change model."] },
    });
  if (input.type === "standard" && (!model || !model.isActive))
    throw new AppError("VALIDATION", "A standard change needs an active change model.", {
      fieldErrors: { modelKey: [model ? `The model "${model.name}" is retired.` : "Choose a change model."] },
    });
  if (input.rollbackOfId && !(await tx.changeRequest.findUnique({ where: { id: input.rollbackOfId } })))
    throw new AppError("NOT_FOUND", "The change this rolls back does not exist.", {
      fieldErrors: { rollbackOfId: ["No such change."] },
    });

  const items = await resolveItems(tx, env.id, input.items);
  const impact = unionImpact(items);
  const policy = await riskPolicyTx(tx);
  const risk = await assessRisk(tx, policy, env.id, items, now);
  if (input.type === "standard" && model && LEVEL_RANK[risk.level] > LEVEL_RANK[model.maxRisk])
    throw new AppError(
      "VALIDATION",
      `This change scores ${risk.level} risk (${risk.score}), above what the model "${model.name}" allows (${model.maxRisk}); submit it as a normal change.`,
      { fieldErrors: { modelKey: [`The model allows up to ${model.maxRisk} risk; this change is ${risk.level}.`] } },
    );
  const conflicts = await detectConflicts(tx, {
    environmentId: env.id,
    windowStart: input.windowStart,
    windowEnd: input.windowEnd,
    items,
    systems: impact.systems,
  });
  const quorum = requiredQuorum(policy, risk.level, input.type, await hasOwnedData(tx, impact.dataDomainIds));
  const isStandard = input.type === "standard";

  const change = await tx.changeRequest.create({
    data: {
      title: input.title,
      description: input.description ?? "",
      type: input.type,
      status: isStandard ? "approved" : "submitted",
      source,
      modelId: model?.id ?? null,
      environmentId: env.id,
      windowStart: input.windowStart,
      windowEnd: input.windowEnd,
      rolloutPlan: input.rolloutPlan,
      rollbackPlan: input.rollbackPlan,
      riskScore: risk.score,
      riskLevel: risk.level,
      riskFactors: json(risk.factors),
      conflicts: json(conflicts),
      requiredApprovals: isStandard ? 0 : quorum.requiredApprovals,
      requiresDataOwner: isStandard ? false : quorum.requiresDataOwner,
      requestedById: actor.id,
      requestedByEmail: actor.email,
      decidedAt: isStandard ? now : null,
      rollbackOfId: input.rollbackOfId ?? null,
      pirRequired: input.type === "emergency",
      items: {
        create: items.map((i) => ({
          kind: i.kind,
          itemKey: i.itemKey,
          itemId: i.itemId,
          versionId: i.versionId,
          version: i.version,
          contentHash: i.contentHash,
          previousVersionId: i.previousVersionId,
          previousHash: i.previousHash,
          diffSize: i.diffSize,
        })),
      },
    },
    select: { id: true, number: true, status: true, title: true },
  });
  await appendAudit(tx, {
    actor,
    action: "change.open",
    entityType: "ChangeRequest",
    entityId: change.id,
    after: {
      number: change.number,
      type: input.type,
      status: change.status,
      source,
      environment: env.key,
      windowStart: input.windowStart.toISOString(),
      windowEnd: input.windowEnd.toISOString(),
      riskScore: risk.score,
      riskLevel: risk.level,
      conflicts: conflicts.length,
      items: items.map((i) => `${i.kind}:${i.itemKey}@v${i.version}#${i.contentHash.slice(0, 12)}`),
    },
  });
  if (change.status === "submitted") {
    const cab = await usersWithRoles(tx, [...CAB_ROLES], [actor.id]);
    await notifyUsers(tx, cab, {
      kind: "change.awaiting",
      title: `${changeLabel(change)} awaits your vote`,
      body: `${input.type} change to ${env.name}, ${risk.level} risk${conflicts.length ? `, ${conflicts.length} conflict(s)` : ""}.`,
      href: changeHref(change.id),
      dedupeKey: `change.awaiting:${change.id}`,
    });
  }
  return { id: change.id, number: change.number, status: change.status };
}

export async function openChangeRequest(actor: Actor, raw: unknown): Promise<TOpenedChange> {
  assertCan(actor, "change:request");
  const input = ZOpenChange.parse(raw);
  return transaction((tx) => openChangeRequestTx(tx, actor, input, "portal"), 30_000);
}
