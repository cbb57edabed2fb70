"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, Notice } from "@/components/ui";
import type { TCandidateStatus } from "@/lib/validation/prioritization";
import { approveCandidateAction, setCandidateStatusAction } from "../actions";

const NEXT: Record<TCandidateStatus, { status: TCandidateStatus; label: string }[]> = {
  draft: [{ status: "proposed", label: "Propose" }],
  proposed: [
    { status: "approved", label: "Approve" },
    { status: "draft", label: "Back to draft" },
  ],
  approved: [{ status: "proposed", label: "Reopen (back to proposed)" }],
};

export function StatusControl({
  candidateId,
  status,
  canEdit,
  canApprove,
}: {
  candidateId: string;
  status: TCandidateStatus;
  canEdit: boolean;
  canApprove: boolean;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const moves = NEXT[status].filter((m) => (m.status === "approved" ? canApprove : canEdit));
  if (moves.length === 0) return null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {moves.map((m) => (
          <Button
            key={m.status}
            variant={m.status === "approved" ? "primary" : "secondary"}
            disabled={pending}
            onClick={() =>
              start(async () => {
                const result =
                  m.status === "approved"
                    ? await approveCandidateAction({ candidateId })
                    : await setCandidateStatusAction({ candidateId, status: m.status });
                if (result.ok) {
                  setError(null);
                  router.refresh();
                } else setError(result.error);
              })
            }
          >
            {m.label}
          </Button>
        ))}
      </div>
      {error && <Notice tone="danger">{error}</Notice>}
    </div>
  );
}
