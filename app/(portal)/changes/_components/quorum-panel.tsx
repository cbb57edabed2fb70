import { Badge } from "@/components/ui";

import type { TQuorumState } from "@/lib/services/changes/quorum";

export type QuorumView = TQuorumState;

/** "Needs 1 more approval, including the data owner of Customer" */
export function quorumSentence(q: QuorumView, dataOwnerOf: string[] = []): string {
  if (q.met) return `Quorum met: ${q.approvals} of ${q.required} approval${q.required === 1 ? "" : "s"}.`;
  if (q.rejections) return q.missing[0] ?? "Rejected.";
  const short = Math.max(0, q.required - q.approvals);
  const owner =
    q.needsDataOwner && !q.hasDataOwner
      ? `the accountable data owner${dataOwnerOf.length ? ` of ${dataOwnerOf.join(", ")}` : ""}`
      : null;
  if (short > 0) return `Needs ${short} more approval${short === 1 ? "" : "s"}${owner ? `, including ${owner}` : ""}.`;
  return owner ? `Needs an approval by ${owner}.` : q.missing.join("; ") || "Waiting for the CAB.";
}

export function QuorumPanel({ quorum, dataOwnerOf }: { quorum: QuorumView; dataOwnerOf?: string[] }) {
  return (
    <div className="space-y-1" data-testid="quorum">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={quorum.met ? "success" : quorum.rejections ? "danger" : "warning"}>
          {quorum.approvals}/{quorum.required} approvals
        </Badge>
        {quorum.needsDataOwner && (
          <Badge tone={quorum.hasDataOwner ? "success" : "warning"}>
            data owner {quorum.hasDataOwner ? "approved" : "needed"}
          </Badge>
        )}
      </div>
      <p className="text-sm text-slate-700" data-testid="quorum-sentence">
        {quorumSentence(quorum, dataOwnerOf)}
      </p>
    </div>
  );
}
