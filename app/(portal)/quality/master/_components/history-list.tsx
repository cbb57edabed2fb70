"use client";

import { useRouter } from "next/navigation";
import { Button, Card, ConfirmDialog } from "@/components/ui";
import type { THistoryView } from "@/lib/services/quality/master";
import { undoMasterHistoryAction } from "../actions";

const REVERSIBLE = new Set(["merge", "reject"]);

export function HistoryList({ history, canUndo }: { history: THistoryView[]; canUndo: boolean }) {
  const router = useRouter();
  return (
    <Card
      title="History"
      className="mt-6"
      description="Merges, unmerges and not-a-match decisions; a merge or a not-a-match can be reversed here."
    >
      {history.length === 0 ? (
        <p className="text-sm text-slate-500">No steward changes yet.</p>
      ) : (
        <ol className="divide-y divide-slate-100 text-sm">
          {history.map((h) => (
            <li key={h.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2">
              <span className="w-20 font-medium">{h.action}</span>
              <span>{h.actorEmail}</span>
              <span className="text-slate-500">{h.createdAt.slice(0, 16).replace("T", " ")}</span>
              <span className="text-xs text-slate-500">
                {Array.isArray(h.details.moved) ? `${h.details.moved.length} record(s) moved` : ""}
                {Array.isArray(h.details.restored) ? `${h.details.restored.length} record(s) restored` : ""}
              </span>
              {h.undoneBy ? (
                <span className="text-xs text-slate-500">reversed</span>
              ) : (
                canUndo &&
                REVERSIBLE.has(h.action) && (
                  <ConfirmDialog
                    title={h.action === "merge" ? "Reverse this merge" : "Reopen this pair"}
                    description={
                      h.action === "merge"
                        ? "The merged source records go back to their own golden records."
                        : "The pair goes back to the steward queue."
                    }
                    confirmLabel={h.action === "merge" ? "Unmerge" : "Reopen"}
                    onConfirm={async () => {
                      const result = await undoMasterHistoryAction({ historyId: h.id });
                      if (!result.ok) return result.error;
                      router.refresh();
                    }}
                    trigger={(open) => (
                      <Button size="sm" variant="secondary" onClick={open}>
                        {h.action === "merge" ? "Unmerge" : "Reopen"}
                      </Button>
                    )}
                  />
                )
              )}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
