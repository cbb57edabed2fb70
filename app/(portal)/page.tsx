import Link from "next/link";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { areasFor, can, ROLE_LABELS } from "@/lib/auth/permissions";
import { activityByDay } from "@/lib/services/audit";
import { ActivityChart } from "./_components/activity-chart";
import { MyDueAssessments } from "./catalog/health/_components/my-due-assessments";
import { PendingSignOffs } from "./ownership/_components/pending-sign-offs";

export default async function HomePage() {
  const actor = await requirePageAccess("dashboard:read");
  // The executives' home is the portfolio ROI dashboard.
  if (actor.role === "executive") redirect("/portfolio");
  const areas = areasFor(actor.role).filter((a) => a.href !== "/");
  const activity = can(actor.role, "audit:read") ? await activityByDay(actor) : null;
  return (
    <>
      <PageHeader
        title={`Welcome, ${actor.name.split(" ")[0]}`}
        description={`Signed in as ${ROLE_LABELS[actor.role]}. These are the areas your role can use.`}
      />
      <div className="mb-8 empty:hidden">
        <PendingSignOffs actor={actor} />
      </div>
      <div className="mb-8 empty:hidden">
        <MyDueAssessments actor={actor} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="home-areas">
        {areas.map((a) => (
          <Link
            key={a.href}
            href={a.href}
            className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm transition hover:border-indigo-300 hover:shadow focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
          >
            <p className="font-semibold text-slate-900">{a.label}</p>
            {a.description && <p className="mt-1 text-sm text-slate-500">{a.description}</p>}
          </Link>
        ))}
      </div>
      {activity && (
        <div className="mt-8">
          <ActivityChart data={activity} />
        </div>
      )}
    </>
  );
}
