import type { Metadata } from "next";
import { LinkButton, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { alertStatusCounts, listAlerts } from "@/lib/services/alerts";
import { flowLookupOption } from "@/lib/services/flows/lookups";
import { requirePageAccess } from "@/lib/session";
import { ZAlertFilters } from "@/lib/validation/alerts";
import { parseListQuery } from "@/lib/validation/list";
import { AutoRefresh } from "../_components/auto-refresh";
import { AlertsTable } from "./_components/alerts-table";
import { AlertStatusTabs } from "./_components/status-tabs";

export const metadata: Metadata = { title: "Alerts" };

function toSearch(params: Record<string, string | string[] | undefined>): string {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    for (const one of Array.isArray(v) ? v : v ? [v] : []) out.append(k, one);
  return out.toString();
}

export default async function AlertsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("flow:read");
  const params = await searchParams;
  const query = parseListQuery(params);
  const { status } = ZAlertFilters.parse(query.filters);
  const [result, counts, flow] = await Promise.all([
    listAlerts(actor, query),
    alertStatusCounts(actor, query),
    flowLookupOption(actor, query.filters.flow),
  ]);
  return (
    <>
      <AutoRefresh seconds={30} />
      <PageHeader
        title="Alerts"
        description="What the engine raised about running flows, such as a dead letter channel past its threshold. Acknowledge an alert to say someone is on it; the engine resolves it when the condition clears."
        actions={
          <>
            <LinkButton href="/flows">Flows</LinkButton>
            <LinkButton href="/flows/dlq">Dead letters</LinkButton>
          </>
        }
      />
      <AlertStatusTabs current={status} counts={counts} search={toSearch(params)} />
      <AlertsTable
        result={result}
        query={query}
        status={status}
        canOperate={can(actor.role, "flow:operate")}
        flow={flow}
      />
    </>
  );
}
