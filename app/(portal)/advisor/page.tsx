import type { Metadata } from "next";
import { LinkButton, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { listDecisions } from "@/lib/services/advisor";
import { parseListQuery } from "@/lib/validation/list";
import { DecisionsTable } from "./_components/decisions-table";

export const metadata: Metadata = { title: "Architecture advisor" };

export default async function AdvisorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("advisor:read");
  const query = parseListQuery(await searchParams);
  const result = await listDecisions(actor, query);
  return (
    <>
      <PageHeader
        title="Architecture decisions"
        description="For each interface, the advisor recommends an architecture, a pattern, a deployment model and a payload format, each with its reasons. Decisions are kept as records linked to the interface."
        actions={
          can(actor.role, "advisor:decide") ? (
            <LinkButton href="/advisor/new" variant="primary">
              Advise an interface
            </LinkButton>
          ) : undefined
        }
      />
      <DecisionsTable result={result} query={query} />
    </>
  );
}
