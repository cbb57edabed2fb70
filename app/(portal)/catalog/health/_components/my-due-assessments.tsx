import Link from "next/link";
import { Card } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/session";
import { dueLabel } from "../_lib/format";
import { AssessmentStatusBadge } from "./badges";
import { listAssessments } from "@/lib/services/health";

const SHOWN = 5;

/**
 * "Your due health assessments" for the home page: the open assessments assigned to the signed-in
 * user, soonest due first. Renders nothing for someone with none (or who may not assess).
 */
export async function MyDueAssessments({ actor }: { actor: Actor }) {
  if (!can(actor.role, "catalog:read") || !can(actor.role, "health:assess")) return null;
  const now = new Date();
  const due = await listAssessments(actor, { view: "due", mine: true, pageSize: SHOWN }, now);
  if (due.total === 0) return null;
  return (
    <Card
      title="Your due health assessments"
      description="Review each flow's signals, answer the questionnaire and agree on action items."
    >
      <ul className="divide-y divide-slate-100" data-testid="my-due-assessments">
        {due.rows.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
            <span>
              <Link href={`/catalog/health/${a.id}`} className="font-medium text-indigo-700 hover:underline">
                {a.flowName}
              </Link>
              <span className="block text-xs text-slate-500">{dueLabel(a.dueAt, now)}</span>
            </span>
            <AssessmentStatusBadge status={a.status} isOverdue={a.isOverdue} />
          </li>
        ))}
      </ul>
      <Link
        href="/catalog/health?view=due&f.mine=1"
        className="mt-3 inline-block text-sm text-indigo-700 hover:underline"
      >
        {due.total > SHOWN ? `All ${due.total} assessments assigned to you` : "Open health assessments"}
      </Link>
    </Card>
  );
}
