import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { listEnvironments } from "@/lib/services/flows";
import { flowLookupOption } from "@/lib/services/flows/lookups";
import { listRuns } from "@/lib/services/runs";
import { lineageSamplingFor } from "@/lib/services/runs/sampling";
import { parseListQuery } from "@/lib/validation/list";
import { RunsTable } from "./_components/runs-table";
import { SamplingNotice } from "./_components/sampling-notice";

export const metadata: Metadata = { title: "Message runs" };

export default async function RunsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("flow:read");
  const query = parseListQuery(await searchParams);
  const [result, flow, environments] = await Promise.all([
    listRuns(actor, query),
    flowLookupOption(actor, query.filters.flow),
    listEnvironments(actor),
  ]);
  // A search that finds nothing may be a run that lineage sampling did not keep: say so.
  const sampling =
    query.q && result.total === 0 ? await lineageSamplingFor(actor, query.q, { flowId: query.filters.flow }) : [];
  return (
    <>
      <PageHeader
        title="Message runs"
        description="Lineage: every message each flow processed, with its version, hashes and step outcomes. Search by message or correlation id."
      />
      {query.q && <SamplingNotice messageId={query.q} flows={sampling} />}
      <RunsTable
        result={result}
        query={query}
        flow={flow}
        environments={environments.map((e) => ({ value: e.key, label: e.name }))}
      />
    </>
  );
}
