import type { Metadata } from "next";
import { EmptyState, LinkButton, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { listApiFormOptions, listApiProducts } from "@/lib/services/apis";
import { requirePageAccess } from "@/lib/session";
import { parseListQuery } from "@/lib/validation/list";
import { ProductsTable } from "./_components/products-table";

export const metadata: Metadata = { title: "APIs" };

export default async function ApisPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("api:read");
  const query = parseListQuery(await searchParams);
  const [result, options] = await Promise.all([listApiProducts(actor, query), listApiFormOptions(actor)]);
  const isEmpty = result.total === 0 && !query.q && Object.keys(query.filters).length === 0;
  const canEdit = can(actor.role, "api:edit");
  const newButton = canEdit ? (
    <LinkButton href="/apis/new" variant="primary">
      New API
    </LinkButton>
  ) : undefined;
  return (
    <>
      <PageHeader
        title="APIs"
        description="API products with their major versions, each an OpenAPI contract served by the gateway at /<api>/v<major>/. Revisions under one major stay compatible: a breaking one is blocked unless an approved change waives it."
        actions={newButton}
      />
      {isEmpty ? (
        <EmptyState
          title="No APIs yet"
          description="Create an API, upload its OpenAPI document and publish v1 to development."
          action={newButton}
        />
      ) : (
        <ProductsTable result={result} query={query} owners={options.people} />
      )}
    </>
  );
}
