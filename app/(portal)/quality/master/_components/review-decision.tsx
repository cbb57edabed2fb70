"use client";

import { useRouter } from "next/navigation";
import { Button, Card, ConfirmDialog } from "@/components/ui";
import { mergeReviewItemAction, rejectReviewItemAction } from "../actions";

export function ReviewDecision({
  reviewItemId,
  candidateGoldenId,
}: {
  reviewItemId: string;
  candidateGoldenId: string;
}) {
  const router = useRouter();
  return (
    <Card
      title="Decision"
      className="mt-6"
      description="Both are audited and reversible from the golden record's history."
    >
      <div className="flex flex-wrap gap-3">
        <ConfirmDialog
          title="Merge these records"
          tone="primary"
          description="The new record's golden record joins this one: survivorship recomputes it from all its source records, and the change is published downstream."
          confirmLabel="Merge"
          onConfirm={async () => {
            const result = await mergeReviewItemAction({ reviewItemId });
            if (!result.ok) return result.error;
            router.push(`/quality/master/golden/${candidateGoldenId}`);
          }}
          trigger={(open) => <Button onClick={open}>Merge</Button>}
        />
        <ConfirmDialog
          title="Not a match"
          description="The pair leaves the queue and is not proposed again."
          confirmLabel="Not a match"
          onConfirm={async () => {
            const result = await rejectReviewItemAction({ reviewItemId });
            if (!result.ok) return result.error;
            router.push("/quality/master/queue");
          }}
          trigger={(open) => (
            <Button variant="secondary" onClick={open}>
              Not a match
            </Button>
          )}
        />
      </div>
    </Card>
  );
}
