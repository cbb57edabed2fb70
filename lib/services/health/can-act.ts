import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

/** The assignee completes their assessment; a catalog editor may complete anyone's (cover, hand-over). */
export function canCompleteAssessment(actor: Actor, a: { status: string; assigneeId: string | null }): boolean {
  if (a.status !== "due" || !can(actor.role, "health:assess")) return false;
  return (actor.id !== null && actor.id === a.assigneeId) || can(actor.role, "catalog:edit");
}

/** An action item is closed or reopened by its owner, the assessment's assignee, or a catalog editor. */
export function canChangeActionItem(
  actor: Actor,
  item: { ownerId: string | null; assessment: { assigneeId: string | null } },
): boolean {
  if (can(actor.role, "catalog:edit")) return true;
  return actor.id !== null && (actor.id === item.ownerId || actor.id === item.assessment.assigneeId);
}
