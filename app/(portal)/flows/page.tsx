import type { Metadata } from "next";
import { Badge, LinkButton, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { countOpenAlerts } from "@/lib/services/alerts";
import { listEnvironments, listFlows } from "@/lib/services/flows";
import { parseListQuery } from "@/lib/validation/list";
import { FlowsTable } from "./_components/flows-table";

export const metadata: Metadata = { title: "Flows" };

export default async function FlowsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("flow:read");
  const query = parseListQuery(await searchParams);
  const [result, environments, alerts] = await Promise.all([
    listFlows(actor, query),
    listEnvironments(actor),
    countOpenAlerts(actor),
  ]);
  return (
    <>
      <PageHeader
        title="Flows"
        description="Integrations the bundled engine runs: each flow has immutable versions, deployed per environment. Health covers the last 24 hours in production where a flow runs there, else the first environment it runs in; pick an environment to compare all flows in it."
        actions={
          <>
            <LinkButton href="/flows/alerts" aria-label={`Alerts, ${alerts.open} open`}>
              Alerts
              {alerts.open > 0 && <Badge tone={alerts.critical ? "danger" : "warning"}>{alerts.open}</Badge>}
            </LinkButton>
            <LinkButton href="/flows/runs">Message runs</LinkButton>
            <LinkButton href="/flows/dlq">Dead letters</LinkButton>
            <LinkButton href="/flows/components">Components</LinkButton>
            <LinkButton href="/flows/environments">Environments</LinkButton>
            {can(actor.role, "flow:edit") && (
              <LinkButton href="/flows/new" variant="primary">
                New flow
              </LinkButton>
            )}
          </>
        }
      />
      <FlowsTable
        result={result}
        query={query}
        environments={environments.map((e) => ({ value: e.key, label: e.name }))}
      />
    </>
  );
}
