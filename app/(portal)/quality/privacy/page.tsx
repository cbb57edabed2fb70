import type { Metadata } from "next";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { flowLookupOption } from "@/lib/services/flows/lookups";
import { systemOptions } from "@/lib/services/inventory/systems";
import { listClassifications } from "@/lib/services/quality/privacy";
import { requirePageAccess } from "@/lib/session";
import { parseListQuery } from "@/lib/validation/list";
import { ClassificationsTable } from "./_components/classifications-table";
import { ClassifyForm } from "./_components/classify-form";
import { FlowPropagation } from "./_components/flow-propagation";
import { SuggestForm } from "./_components/suggest-form";

export const metadata: Metadata = { title: "Classifications" };

export default async function ClassificationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("quality:read");
  const query = parseListQuery(await searchParams);
  const canClassify = can(actor.role, "quality:classify");
  const canReadFlows = can(actor.role, "flow:read");
  const [result, flow, systems] = await Promise.all([
    listClassifications(actor, query),
    canReadFlows ? flowLookupOption(actor, query.filters.flow) : null,
    canClassify && can(actor.role, "inventory:read") ? systemOptions(actor) : [],
  ]);
  const isEmpty = result.total === 0 && !query.q && Object.keys(query.filters).length === 0;
  return (
    <>
      <PageHeader
        title="Classifications"
        description="Fields of a system, an interface or a flow carry a level (public, internal, confidential, restricted) and tags (PII, PHI, PCI, financial). The tags follow field lineage through a flow's mappings and stop at a mask step; outside production the engine masks classified fields with the environment's masking policies, and viewers without the sensitive-data permission see them masked in dead letters and message journeys."
      />
      <div className="space-y-6">
        {isEmpty ? (
          <EmptyState
            title="No classified fields yet"
            description={
              canClassify
                ? "Classify a field below, or let Switchboard suggest likely personal data from a flow's recent messages."
                : "A data owner classifies fields here; nothing is classified yet."
            }
          />
        ) : (
          <ClassificationsTable result={result} query={query} flow={flow} canClassify={canClassify} />
        )}
        {flow && canReadFlows && <FlowPropagation actor={actor} flowId={flow.id} />}
        {canClassify && (
          <div className="grid gap-6 lg:grid-cols-2">
            <Card
              title="Classify a field"
              description="A classification you set is confirmed at once and replaces a suggestion for the same field."
            >
              <ClassifyForm systems={systems.map((s) => ({ value: s.id, label: s.name }))} defaultFlow={flow} />
            </Card>
            <Card
              title="Suggest for a flow"
              description="Scans the flow's recent input payloads for likely personal data (names, emails, phone numbers, IBANs, card numbers…). Suggestions wait for you to confirm or dismiss them; a dismissed field is not suggested again."
            >
              <SuggestForm defaultFlow={flow} />
            </Card>
          </div>
        )}
      </div>
    </>
  );
}
