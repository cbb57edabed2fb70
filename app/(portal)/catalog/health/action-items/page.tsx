import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { listAssessmentPeople } from "@/lib/services/health/user-names";
import { requirePageAccess } from "@/lib/session";
import { parseListQuery } from "@/lib/validation/list";
import { ActionItemsTable } from "../_components/action-items-table";
import { HealthNav } from "../_components/health-nav";
import { healthNavLinks } from "../_lib/nav";
import { countAssessments, listActionItems } from "@/lib/services/health";

export const metadata: Metadata = { title: "Health action items" };

export default async function HealthActionItemsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("catalog:read");
  const query = parseListQuery(await searchParams);
  const now = new Date();
  const [result, counts, people] = await Promise.all([
    listActionItems(
      actor,
      {
        page: query.page,
        pageSize: query.pageSize,
        q: query.q,
        mine: query.filters.mine === "1",
        ownerId: query.filters.owner ?? "",
        isOverdue: query.filters.overdue === "1",
        status: query.filters.status ?? "open",
      },
      now,
    ),
    countAssessments(actor, {}, now),
    listAssessmentPeople(actor),
  ]);
  return (
    <>
      <PageHeader
        title="Health action items"
        description="What the assessments agreed to do, with owners and due dates, until each is done. Open ones by default, soonest due first."
      />
      <HealthNav links={healthNavLinks(counts, "action-items")} />
      <ActionItemsTable result={result} query={query} people={people.map((p) => ({ value: p.id, label: p.name }))} />
    </>
  );
}
