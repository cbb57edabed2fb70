import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { listProfileAnomalies, listProfileDefinitions } from "@/lib/services/quality/profiling";
import { requirePageAccess } from "@/lib/session";
import { parseListQuery } from "@/lib/validation/list";
import { AnomaliesTable } from "../_components/anomalies-table";
import { ProfilingTabs } from "../_components/profiling-tabs";

export const metadata: Metadata = { title: "Profiling anomalies" };

export default async function ProfilingAnomaliesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("quality:read");
  const query = parseListQuery(await searchParams);
  const [result, definitions] = await Promise.all([
    listProfileAnomalies(actor, query),
    // The filter's options: every profile (a select; a workspace has tens of profiles, not thousands).
    listProfileDefinitions(actor, { page: 1, pageSize: 100, q: "", dir: "asc", sort: "name", filters: {} }),
  ]);
  return (
    <>
      <PageHeader
        title="Profiling"
        description="What the profiles' runs found against their rolling baselines: null-rate jumps, new formats and patterns, type drift, growing out-of-range counts and volume drops. Each one raised an alert."
      />
      <ProfilingTabs />
      <AnomaliesTable
        result={result}
        query={query}
        definitions={definitions.rows.map((d) => ({ value: d.id, label: d.name }))}
      />
    </>
  );
}
