import { Badge } from "@/components/ui";
import { formatDay } from "../_lib/format";
import { ActionItemToggle } from "./action-item-toggle";
import type { TAssessmentActionItem } from "@/lib/services/health";

/** An assessment's action items with owner, due date and status; those the viewer may change get a button. */
export function ActionItemsList({ items }: { items: TAssessmentActionItem[] }) {
  if (!items.length) return <p className="text-sm text-slate-500">No action items were agreed.</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="action-items">
      {items.map((i) => (
        <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
          <span>
            <span className={i.status === "done" ? "text-slate-500 line-through" : "font-medium text-slate-900"}>
              {i.title}
            </span>
            <span className="block text-xs text-slate-500">
              {i.ownerName ?? "Nobody"} · due {formatDay(i.dueAt)}
              {i.doneAt && ` · done ${formatDay(i.doneAt)}`}
            </span>
          </span>
          <span className="inline-flex items-center gap-2">
            {i.isOverdue ? (
              <Badge tone="danger">overdue</Badge>
            ) : (
              <Badge tone={i.status === "done" ? "success" : "info"}>{i.status}</Badge>
            )}
            {i.canChange && <ActionItemToggle id={i.id} title={i.title} status={i.status} />}
          </span>
        </li>
      ))}
    </ul>
  );
}
