import type { Metadata } from "next";
import { EmptyState, LinkButton, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { listRetirements } from "@/lib/services/retirements";
import { requirePageAccess } from "@/lib/session";
import { parseListQuery } from "@/lib/validation/list";
import { RetirementsTable } from "./_components/retirements-table";
import { CatalogNav } from "../_components/catalog-nav";

export const metadata: Metadata = { title: "Retirements" };

export default async function RetirementsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("catalog:read");
  const query = parseListQuery(await searchParams);
  const result = await listRetirements(actor, {
    page: query.page,
    pageSize: query.pageSize,
    q: query.q,
    status: query.filters.status ?? "",
    subjectKind: query.filters.kind ?? "",
  });
  const canRetire = can(actor.role, "catalog:retire");
  const deprecateButton = canRetire ? (
    <LinkButton href="/catalog/retirements/new" variant="primary">
      Deprecate a flow or interface
    </LinkButton>
  ) : undefined;
  const isFiltered = Boolean(query.q) || Object.keys(query.filters).length > 0;
  return (
    <>
      <PageHeader
        title="Retirements"
        description="Flows and interfaces on their way out: who still calls them, the brownouts that warn them, the sunset, and retirement once the traffic has stopped."
        actions={deprecateButton}
      />
      <CatalogNav />
      {result.total === 0 && !isFiltered ? (
        <EmptyState
          title="Nothing is being retired"
          description="Deprecating a flow or an interface lists its consumers, declared and observed, and tells their owners. Retiring it is refused until nothing has called it for the quiet period."
          action={deprecateButton}
        />
      ) : (
        <RetirementsTable result={result} query={query} />
      )}
    </>
  );
}
