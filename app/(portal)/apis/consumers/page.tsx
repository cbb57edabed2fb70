import type { Metadata } from "next";
import { EmptyState, LinkButton, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { apiConsumerFormOptions, listApiConsumers } from "@/lib/services/apis/consumers";
import { requirePageAccess } from "@/lib/session";
import { parseListQuery } from "@/lib/validation/list";
import { ConsumersTable } from "./_components/consumers-table";

export const metadata: Metadata = { title: "API consumers" };

export default async function ApiConsumersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("api:read");
  const query = parseListQuery(await searchParams);
  const [result, options] = await Promise.all([listApiConsumers(actor, query), apiConsumerFormOptions(actor)]);
  const canManage = can(actor.role, "api:keys");
  const isEmpty = result.total === 0 && !query.q && Object.keys(query.filters).length === 0;
  const newButton = canManage ? (
    <LinkButton href="/apis/consumers/new" variant="primary">
      New consumer
    </LinkButton>
  ) : undefined;
  return (
    <>
      <PageHeader
        title="Consumers"
        description="Applications that call the APIs: each has a plan, its keys per environment, and JWT subjects for bearer tokens."
      />
      {isEmpty ? (
        <EmptyState
          title="No consumers yet"
          description={
            options.plans.length === 0
              ? "Create a plan first, then add the applications that call your APIs."
              : "Add the applications that call your APIs, then issue them keys."
          }
          action={
            options.plans.length === 0 && canManage ? (
              <LinkButton href="/apis/plans/new" variant="primary">
                New plan
              </LinkButton>
            ) : (
              newButton
            )
          }
        />
      ) : (
        <ConsumersTable
          result={result}
          query={query}
          plans={options.plans}
          systems={options.systems}
          toolbar={newButton}
        />
      )}
    </>
  );
}
