import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { flowLookupOption } from "@/lib/services/flows/lookups";
import { listQuarantine, quarantineFacets, recentQuarantineBulkJobs } from "@/lib/services/quality/quarantine";
import { requirePageAccess } from "@/lib/session";
import { parseListQuery, type TListQuery } from "@/lib/validation/list";
import { QuarantineTable } from "./_components/quarantine-table";

export const metadata: Metadata = { title: "Quarantine" };

/** The list's search and filters in words, for the bulk confirmation ("Reject 120 entries matching …?"). */
function describeFilter(query: TListQuery, flowName: string | null): string {
  const f = query.filters;
  const parts = [
    f.mine && "my data",
    flowName && `flow ${flowName}`,
    f.environment && `environment ${f.environment}`,
    f.ruleSet && `rule set ${f.ruleSet}`,
    f.rule && `rule ${f.rule}`,
    f.field && `field ${f.field}`,
    f.from && `from ${f.from}`,
    f.to && `to ${f.to}`,
    query.q && `“${query.q}”`,
  ];
  return parts.filter(Boolean).join(", ");
}

export default async function QuarantinePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("quality:read");
  const query = parseListQuery(await searchParams);
  const [result, facets, flow, jobs] = await Promise.all([
    listQuarantine(actor, query),
    quarantineFacets(actor),
    flowLookupOption(actor, query.filters.flow),
    recentQuarantineBulkJobs(actor),
  ]);
  return (
    <>
      <PageHeader
        title="Quarantine"
        description="Every record a validation rule stopped at an entry point, with the rule, field and value that failed. Fix and resubmit it (it re-enters the flow at its validate step and reaches the target once), or reject it; one at a time or everything matching a filter."
      />
      <QuarantineTable
        result={result}
        query={query}
        canReview={can(actor.role, "quality:review")}
        flow={flow}
        ruleSets={facets.ruleSets}
        environments={facets.environments}
        filterSummary={describeFilter(query, flow?.label ?? null)}
        runningJobs={jobs.filter((j) => j.status === "running")}
      />
    </>
  );
}
