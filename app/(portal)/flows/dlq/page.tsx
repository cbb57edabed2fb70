import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { flowVersionOptions, listEnvironments } from "@/lib/services/flows";
import { flowLookupOption } from "@/lib/services/flows/lookups";
import { listDeadLetters } from "@/lib/services/runs";
import { parseListQuery, type TListQuery } from "@/lib/validation/list";
import { AutoRefresh } from "../_components/auto-refresh";
import { DeadLettersTable } from "./_components/dead-letters-table";

export const metadata: Metadata = { title: "Dead letters" };

const STATUS_WORDS: Record<string, string> = {
  replay_requested: "status replay requested",
  replayed: "status replayed",
  discarded: "status discarded",
};

/** The list's search and filters in words, for the bulk confirmation ("Replay 2,345 dead letters matching …?"). */
function describeFilter(query: TListQuery, flowName: string | null, environmentName: string | null): string {
  const f = query.filters;
  const parts = [
    flowName && `flow ${flowName}`,
    environmentName && `environment ${environmentName}`,
    f.step && `step ${f.step}`,
    f.errorKind && `${f.errorKind} errors`,
    f.status && STATUS_WORDS[f.status],
    query.q && `“${query.q}”`,
  ];
  return parts.filter(Boolean).join(", ");
}

export default async function DeadLettersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("flow:read");
  const query = parseListQuery(await searchParams);
  const [result, flow, environments] = await Promise.all([
    listDeadLetters(actor, query),
    // The filters search on the server; the page only names the current values.
    flowLookupOption(actor, query.filters.flow),
    listEnvironments(actor),
  ]);
  const canReplay = can(actor.role, "dlq:replay");
  // Replay targets: the versions of the flows whose pending letters are on this page, and of the
  // filtered flow (for a bulk replay of everything matching).
  const versionsByFlow = canReplay
    ? await flowVersionOptions(actor, [
        ...result.rows.filter((r) => r.status === "pending").map((r) => r.flowId),
        ...(flow ? [flow.id] : []),
      ])
    : {};
  const environment = environments.find((e) => e.key === query.filters.environment);
  return (
    <>
      <AutoRefresh seconds={15} />
      <PageHeader
        title="Dead letters"
        description="Messages that failed after their last attempt, kept with the original payload, the failed step, the error and each attempt. Replay them (to the same or a newer version), edit and replay one, or discard."
      />
      <DeadLettersTable
        result={result}
        query={query}
        canReplay={canReplay}
        versionsByFlow={versionsByFlow}
        flow={flow}
        step={query.filters.step ? { id: query.filters.step, label: query.filters.step } : null}
        environments={environments.map((e) => ({ value: e.key, label: e.name }))}
        filterSummary={describeFilter(query, flow?.label ?? null, environment?.name ?? null)}
      />
    </>
  );
}
