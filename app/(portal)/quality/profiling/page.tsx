import type { Metadata } from "next";
import { EmptyState, LinkButton, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { listProfileDefinitions } from "@/lib/services/quality/profiling";
import { requirePageAccess } from "@/lib/session";
import { parseListQuery } from "@/lib/validation/list";
import { DefinitionsTable } from "./_components/definitions-table";
import { ProfilingTabs } from "./_components/profiling-tabs";

export const metadata: Metadata = { title: "Profiling" };

export default async function ProfilingPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("quality:read");
  const query = parseListQuery(await searchParams);
  const result = await listProfileDefinitions(actor, query);
  const isEmpty = result.total === 0 && !query.q && Object.keys(query.filters).length === 0;
  const newButton = can(actor.role, "quality:manage") ? (
    <LinkButton href="/quality/profiling/new" variant="primary">
      New profile
    </LinkButton>
  ) : undefined;
  return (
    <>
      <PageHeader
        title="Profiling"
        description="Scheduled profiles of a flow's message stream or of a table: per column null rate, distinct values, min/max, lengths, formats and patterns, type drift and out-of-range values. Each run is compared with the rolling baseline of the runs before it; what deviates is an anomaly and raises an alert."
        actions={newButton}
      />
      <ProfilingTabs />
      {isEmpty ? (
        <EmptyState
          title="No profiles yet"
          description="Profile a flow's messages (add a profile step to the flow) or a table its poll_sql input reads, on an interval or a cron schedule."
          action={newButton}
        />
      ) : (
        <DefinitionsTable result={result} query={query} />
      )}
    </>
  );
}
