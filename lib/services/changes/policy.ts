import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction, type Tx } from "@/lib/db";
import type { ChangeRiskPolicy } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { ZRiskPolicyInput } from "@/lib/validation/changes";
import { appendAudit } from "../audit";
import { parseWeights, type TRiskWeights } from "./risk";

export type TRiskPolicy = Omit<ChangeRiskPolicy, "weights"> & { weights: TRiskWeights };

const POLICY_ID = "default";

/** The one policy row, created with the schema's defaults on first use. */
export async function riskPolicyTx(tx: Tx): Promise<TRiskPolicy> {
  const row =
    (await tx.changeRiskPolicy.findUnique({ where: { id: POLICY_ID } })) ??
    (await tx.changeRiskPolicy.upsert({ where: { id: POLICY_ID }, create: { id: POLICY_ID }, update: {} }));
  return { ...row, weights: parseWeights(row.weights) };
}

export async function getRiskPolicy(actor: Actor): Promise<TRiskPolicy> {
  assertCan(actor, "change:read");
  return riskPolicyTx(db() as unknown as Tx);
}

export async function updateRiskPolicy(actor: Actor, raw: unknown): Promise<TRiskPolicy> {
  assertCan(actor, "change:manage");
  const input = ZRiskPolicyInput.parse(raw);
  return transaction(async (tx) => {
    const before = await riskPolicyTx(tx);
    const next = { ...before, ...input, weights: { ...before.weights, ...input.weights } };
    if (next.mediumFrom >= next.highFrom)
      throw new AppError("VALIDATION", "Medium must start below high.", {
        fieldErrors: { highFrom: [`Use a value above ${next.mediumFrom}.`] },
      });
    const row = await tx.changeRiskPolicy.update({
      where: { id: POLICY_ID },
      data: { ...input, weights: next.weights },
    });
    await appendAudit(tx, {
      actor,
      action: "change.policy.update",
      entityType: "ChangeRiskPolicy",
      entityId: POLICY_ID,
      before: { ...before, updatedAt: undefined },
      after: { ...next, updatedAt: undefined },
    });
    return { ...row, weights: parseWeights(row.weights) };
  });
}
