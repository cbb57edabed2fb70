import type { Actor } from "@/lib/auth/actor";
import { canChangeActionItem } from "./can-act";

/** An action item as the pages show it, wherever it is listed. */
export type TAssessmentActionItem = {
  id: string;
  title: string;
  ownerId: string | null;
  ownerName: string | null;
  dueAt: string;
  status: "open" | "done";
  isOverdue: boolean;
  doneAt: string | null;
  /** The actor may close or reopen it. */
  canChange: boolean;
};

type TItemRow = {
  id: string;
  title: string;
  ownerId: string | null;
  dueAt: Date;
  status: "open" | "done";
  doneAt: Date | null;
};

export function toActionItemView(
  actor: Actor,
  item: TItemRow,
  assessment: { assigneeId: string | null },
  names: Map<string, string>,
  now: Date,
): TAssessmentActionItem {
  return {
    id: item.id,
    title: item.title,
    ownerId: item.ownerId,
    ownerName: item.ownerId ? (names.get(item.ownerId) ?? null) : null,
    dueAt: item.dueAt.toISOString(),
    status: item.status,
    isOverdue: item.status === "open" && item.dueAt.getTime() < now.getTime(),
    doneAt: item.doneAt?.toISOString() ?? null,
    canChange: canChangeActionItem(actor, { ownerId: item.ownerId, assessment }),
  };
}
