import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/ui";
import { flowLookupOption } from "@/lib/services/flows/lookups";
import { listAssessmentPeople } from "@/lib/services/health/user-names";
import { requirePageAccess } from "@/lib/session";
import { HEALTH_VIEWS, type THealthView } from "@/lib/validation/health";
import { parseListQuery } from "@/lib/validation/list";
import { AssessmentsTable } from "./_components/assessments-table";
import { HealthNav } from "./_components/health-nav";
import { healthNavLinks } from "./_lib/nav";
import { countAssessments, listAssessments } from "@/lib/services/health";

export const metadata: Metadata = { title: "Health assessments" };

const EMPTY: Record<THealthView, string> = {
  due: "No assessment is due.",
  overdue: "Nothing is overdue.",
  completed: "No assessment has been completed yet.",
  all: "No assessments yet.",
};

export default async function HealthAssessmentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("catalog:read");
  const sp = await searchParams;
  const query = parseListQuery(sp);
  const rawView = Array.isArray(sp.view) ? sp.view[0] : sp.view;
  const view: THealthView = (HEALTH_VIEWS as readonly string[]).includes(rawView ?? "")
    ? (rawView as THealthView)
    : "due";
  const isMine = query.filters.mine === "1";
  const now = new Date();
  const [result, counts, people, flow] = await Promise.all([
    listAssessments(
      actor,
      {
        page: query.page,
        pageSize: query.pageSize,
        q: query.q,
        view,
        mine: isMine,
        assigneeId: query.filters.assignee ?? "",
        flowId: query.filters.flow ?? "",
      },
      now,
    ),
    countAssessments(actor, { mine: isMine }, now),
    listAssessmentPeople(actor),
    flowLookupOption(actor, query.filters.flow),
  ]);
  const isFiltered = Boolean(query.q) || Object.values(query.filters).some(Boolean);
  return (
    <>
      <PageHeader
        title="Health assessments"
        description="Each running integration is assessed every quarter (its catalog entry sets the interval): the signals from the engine's rollups, a questionnaire for what metrics cannot see, a score with its trend, and action items tracked to closure."
      />
      <HealthNav links={healthNavLinks(counts, view, { isMine })} />
      {counts.all === 0 && !isFiltered ? (
        <EmptyState
          title="No health assessments yet"
          description="The engine opens one for every flow that runs, as soon as it runs and then once per interval, and tells the flow's catalog owner. Deploy a flow and it appears here within 15 minutes."
        />
      ) : (
        <AssessmentsTable
          result={result}
          query={query}
          people={people.map((p) => ({ value: p.id, label: p.name }))}
          flow={flow}
          emptyMessage={EMPTY[view]}
        />
      )}
    </>
  );
}
