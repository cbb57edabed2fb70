import type { Metadata } from "next";
import { EmptyState, LinkButton, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { findMasterEntities, findReviewItems } from "@/lib/services/quality/master";
import { requirePageAccess } from "@/lib/session";
import { parseListQuery, ZListQuery } from "@/lib/validation/list";
import { EntitiesTable } from "./_components/entities-table";
import { NewEntityForm } from "./_components/new-entity-form";

export const metadata: Metadata = { title: "Golden records" };

export default async function MasterEntitiesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("quality:read");
  const query = parseListQuery(await searchParams);
  const [result, queue] = await Promise.all([
    findMasterEntities(actor, query),
    findReviewItems(actor, ZListQuery.parse({ pageSize: 1 })),
  ]);
  const isEmpty = result.total === 0 && !query.q;
  const canManage = can(actor.role, "quality:manage");
  return (
    <>
      <PageHeader
        title="Golden records"
        description="Master entities fed by several systems: match rules link their source records, survivorship per attribute builds one golden record, and the engine publishes every change on sb.master.<entity>."
        actions={
          <LinkButton href="/quality/master/queue" variant="secondary">
            Steward queue ({queue.total} open)
          </LinkButton>
        }
      />
      {isEmpty ? (
        <EmptyState
          title="No master entities yet"
          description="Create an entity (customer, product, employee…) and send its source records through a flow's golden_record step."
        />
      ) : (
        <EntitiesTable result={result} query={query} />
      )}
      {canManage && <NewEntityForm />}
    </>
  );
}
