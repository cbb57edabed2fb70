import type { Metadata } from "next";
import { LinkButton, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { candidateFormOptions, listCandidates } from "@/lib/services/prioritization/candidates";
import { parseListQuery } from "@/lib/validation/list";
import { CandidatesTable } from "./_components/candidates-table";

export const metadata: Metadata = { title: "Integration candidates" };

export default async function CandidatesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("candidate:read");
  const query = parseListQuery(await searchParams);
  const [result, options] = await Promise.all([listCandidates(actor, query), candidateFormOptions(actor)]);
  return (
    <>
      <PageHeader
        title="Integration candidates"
        description="Processes and interfaces worth integrating, with an ROI model built from the inventory. Open a candidate to see how each figure is computed."
      />
      <CandidatesTable
        result={result}
        query={query}
        departments={options.departments}
        toolbar={
          can(actor.role, "candidate:edit") ? (
            <LinkButton href="/candidates/new" variant="primary">
              New candidate
            </LinkButton>
          ) : undefined
        }
      />
    </>
  );
}
