import type { Metadata } from "next";
import { EmptyState, LinkButton, PageHeader } from "@/components/ui";
import { getCatalogReconciliation, listCatalogEntries, listOwnerOptions } from "@/lib/services/catalog";
import { requirePageAccess } from "@/lib/session";
import { parseListQuery } from "@/lib/validation/list";
import { CatalogNav } from "./_components/catalog-nav";
import { EntriesTable } from "./_components/entries-table";
import { ReconciliationPanel } from "./_components/reconciliation-panel";

export const metadata: Metadata = { title: "Service catalog" };

export default async function CatalogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("catalog:read");
  const query = parseListQuery(await searchParams);
  const [result, owners, reconciliation] = await Promise.all([
    listCatalogEntries(actor, query),
    listOwnerOptions(actor),
    getCatalogReconciliation(actor, { now: new Date() }),
  ]);
  const isEmpty = result.total === 0 && !query.q && Object.keys(query.filters).length === 0;
  return (
    <>
      <PageHeader
        title="Service catalog"
        description="Every system, flow and queue with its owner, lifecycle and tier, and the dependencies people declared beside the ones the engine observed in traffic."
        actions={<LinkButton href="/catalog/graph">Impact graph</LinkButton>}
      />
      <CatalogNav />
      {isEmpty ? (
        <EmptyState
          title="The catalog is empty"
          description="Systems from the inventory and flows you build appear here, with what depends on what."
          action={<LinkButton href="/inventory/systems">Go to the inventory</LinkButton>}
        />
      ) : (
        <>
          <ReconciliationPanel counts={reconciliation.counts} deadAfterDays={reconciliation.deadAfterDays} />
          <EntriesTable result={result} query={query} owners={owners} />
        </>
      )}
    </>
  );
}
