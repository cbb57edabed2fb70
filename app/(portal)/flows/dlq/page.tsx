import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { flowOptions, flowVersionOptions, listEnvironments } from "@/lib/services/flows";
import { deadLetterSteps, listDeadLetters } from "@/lib/services/runs";
import { parseListQuery } from "@/lib/validation/list";
import { AutoRefresh } from "../_components/auto-refresh";
import { DeadLettersTable } from "./_components/dead-letters-table";

export const metadata: Metadata = { title: "Dead letters" };

export default async function DeadLettersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("flow:read");
  const query = parseListQuery(await searchParams);
  const [result, flows, steps, environments] = await Promise.all([
    listDeadLetters(actor, query),
    flowOptions(actor),
    deadLetterSteps(actor, query.filters.flow),
    listEnvironments(actor),
  ]);
  const canReplay = can(actor.role, "dlq:replay");
  // Replay targets for the bulk action: the versions of the flows whose pending letters are on this page.
  const versionsByFlow = canReplay
    ? await flowVersionOptions(
        actor,
        result.rows.filter((r) => r.status === "pending").map((r) => r.flowId),
      )
    : {};
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
        flows={flows.map((f) => ({ value: f.id, label: f.name }))}
        steps={steps.map((s) => ({ value: s, label: s }))}
        environments={environments.map((e) => ({ value: e.key, label: e.name }))}
      />
    </>
  );
}
