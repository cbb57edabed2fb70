// Quorum per risk level: pure, so the rules are unit-tested; approvals.ts applies them to the stored votes.
import type { ChangeRiskLevel, ChangeType } from "@/lib/db/generated/client";
import { LEVEL_RANK } from "./risk";

export type TQuorumPolicy = {
  lowApprovals: number;
  mediumApprovals: number;
  highApprovals: number;
  dataOwnerFrom: ChangeRiskLevel;
};

/** An emergency change deploys first and needs two approvers afterwards, whatever its level. */
export const EMERGENCY_MIN_APPROVALS = 2;

export function requiredQuorum(
  policy: TQuorumPolicy,
  level: ChangeRiskLevel,
  type: ChangeType,
  hasOwnedData: boolean,
): { requiredApprovals: number; requiresDataOwner: boolean } {
  const byLevel = { low: policy.lowApprovals, medium: policy.mediumApprovals, high: policy.highApprovals }[level];
  const requiredApprovals = Math.max(1, byLevel, type === "emergency" ? EMERGENCY_MIN_APPROVALS : 0);
  const requiresDataOwner = hasOwnedData && LEVEL_RANK[level] >= LEVEL_RANK[policy.dataOwnerFrom];
  return { requiredApprovals, requiresDataOwner };
}

export type TQuorumState = {
  required: number;
  approvals: number;
  rejections: number;
  hasDataOwner: boolean;
  needsDataOwner: boolean;
  met: boolean;
  /** What still has to happen, in words for the UI. */
  missing: string[];
};

export function quorumState(change: {
  requiredApprovals: number;
  requiresDataOwner: boolean;
  approvals: { decision: "approve" | "reject"; asDataOwner: boolean }[];
}): TQuorumState {
  const approvals = change.approvals.filter((a) => a.decision === "approve");
  const rejections = change.approvals.length - approvals.length;
  const hasDataOwner = approvals.some((a) => a.asDataOwner);
  const missing: string[] = [];
  const short = change.requiredApprovals - approvals.length;
  if (rejections) missing.push(`Rejected by ${rejections === 1 ? "a CAB member" : `${rejections} CAB members`}`);
  if (short > 0) missing.push(`${short} more approval${short === 1 ? "" : "s"}`);
  if (change.requiresDataOwner && !hasDataOwner) missing.push("An approval by the accountable data owner");
  return {
    required: change.requiredApprovals,
    approvals: approvals.length,
    rejections,
    hasDataOwner,
    needsDataOwner: change.requiresDataOwner,
    met: rejections === 0 && short <= 0 && (!change.requiresDataOwner || hasDataOwner),
    missing,
  };
}
