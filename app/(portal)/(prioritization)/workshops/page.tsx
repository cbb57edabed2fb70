import type { Metadata } from "next";
import { LinkButton, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { listWorkshops } from "@/lib/services/prioritization/workshops";
import { parseListQuery } from "@/lib/validation/list";
import { WorkshopsTable } from "./_components/workshops-table";

export const metadata: Metadata = { title: "Scoring workshops" };

export default async function WorkshopsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("workshop:score");
  const query = parseListQuery(await searchParams);
  const result = await listWorkshops(actor, query);
  const facilitates = can(actor.role, "workshop:facilitate");
  return (
    <>
      <PageHeader
        title="Scoring workshops"
        description={
          facilitates
            ? "Open a session over a set of candidates, invite participants, watch the live aggregate and lock the result."
            : "Sessions you are invited to. Score every candidate on every criterion; nobody sees your scores but the facilitator's aggregate."
        }
        actions={
          facilitates ? (
            <>
              <LinkButton href="/workshops/criteria">Criteria and weights</LinkButton>
              <LinkButton href="/workshops/new" variant="primary">
                New session
              </LinkButton>
            </>
          ) : undefined
        }
      />
      <WorkshopsTable result={result} query={query} />
    </>
  );
}
