import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction, type Tx } from "@/lib/db";
import type { ChangeStatus } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { ZDecideChange } from "@/lib/validation/changes";
import { appendAudit } from "../audit";
import { chg, itemsImpact, lockChange, type TLockedChange } from "./load";
import { changeHref, changeLabel, notifyUsers } from "./notify";
import { quorumState, type TQuorumState } from "./quorum";

export type TDecision = { status: ChangeStatus; quorum: TQuorumState; asDataOwner: boolean };

/**
 * Votes are taken on submitted changes, and on emergency changes that were implemented first and still
 * await their approvals afterwards (decidedAt unset).
 */
export const isAwaitingVotes = (c: Pick<TLockedChange, "status" | "type" | "decidedAt">) =>
  c.status === "submitted" || (c.type === "emergency" && c.status === "implemented" && !c.decidedAt);

/** Whether the actor is the accountable owner of a data domain the change's items carry. */
export async function isDataOwnerFor(tx: Tx, userId: string, items: { kind: string; itemId: string }[]) {
  const { dataDomainIds } = await itemsImpact(tx, items);
  if (!dataDomainIds.length) return false;
  return (await tx.ownership.count({ where: { dataDomainId: { in: dataDomainIds }, ownerId: userId } })) > 0;
}

export async function decideChange(actor: Actor, raw: unknown): Promise<TDecision> {
  assertCan(actor, "change:approve");
  const input = ZDecideChange.parse(raw);
  return transaction(async (tx) => {
    const change = await lockChange(tx, input.changeId);
    const name = chg(change);
    if (!actor.id) throw new AppError("FORBIDDEN", "Only a person can vote on a change.");
    if (!isAwaitingVotes(change))
      throw new AppError("CONFLICT", `${name} is ${change.status}; it takes no more votes.`);
    if (change.requestedById === actor.id)
      throw new AppError(
        "FORBIDDEN",
        `Separation of duties: you requested ${name}, so you cannot approve or reject it; another CAB member must.`,
      );
    if (change.implementedById === actor.id)
      throw new AppError(
        "FORBIDDEN",
        `Separation of duties: you implemented ${name}, so you cannot approve or reject it; another CAB member must.`,
      );
    if (change.approvals.some((a) => a.userId === actor.id))
      throw new AppError("CONFLICT", `You already voted on ${name}; each member votes once.`);

    const asDataOwner = await isDataOwnerFor(tx, actor.id, change.items);
    const vote = await tx.changeApproval.create({
      data: {
        changeRequestId: change.id,
        userId: actor.id,
        decision: input.decision,
        comment: input.comment,
        asDataOwner,
      },
    });
    await appendAudit(tx, {
      actor,
      action: `change.${input.decision}`,
      entityType: "ChangeRequest",
      entityId: change.id,
      after: { approvalId: vote.id, decision: input.decision, asDataOwner, comment: input.comment },
    });

    const quorum = quorumState({ ...change, approvals: [...change.approvals, vote] });
    let status = change.status;
    if (input.decision === "reject" || quorum.met) {
      // An emergency change already running stays implemented; its rejection calls for a rollback.
      if (change.status === "submitted") status = input.decision === "reject" ? "rejected" : "approved";
      await tx.changeRequest.update({ where: { id: change.id }, data: { status, decidedAt: new Date() } });
      await appendAudit(tx, {
        actor,
        action: "change.decided",
        entityType: "ChangeRequest",
        entityId: change.id,
        before: { status: change.status },
        after: { status, outcome: input.decision === "reject" ? "rejected" : "approved" },
      });
      if (change.requestedById)
        await notifyUsers(tx, [change.requestedById], {
          kind: "change.decided",
          title: `${changeLabel(change)} was ${input.decision === "reject" ? "rejected" : "approved"}`,
          body:
            input.decision === "reject" && change.status === "implemented"
              ? "The emergency change is running: roll it back."
              : input.comment,
          href: changeHref(change.id),
        });
    }
    return { status, quorum, asDataOwner };
  });
}

export { quorumState };
