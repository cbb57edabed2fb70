import type { Metadata } from "next";
import { EmptyState, LinkButton, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { listSystems } from "@/lib/services/inventory";
import { parseListQuery } from "@/lib/validation/list";
import { SystemsTable } from "./_components/systems-table";

export const metadata: Metadata = { title: "Systems" };

export default async function SystemsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("inventory:read");
  const query = parseListQuery(await searchParams);
  const result = await listSystems(actor, query);
  const canEdit = can(actor.role, "inventory:edit");
  const isEmpty = result.total === 0 && !query.q && Object.keys(query.filters).length === 0;
  const newButton = canEdit ? (
    <LinkButton href="/inventory/systems/new" variant="primary">
      New system
    </LinkButton>
  ) : undefined;
  return (
    <>
      <PageHeader
        title="Systems"
        description="ERP, CRM, HRIS, SCM, finance, custom and SaaS systems with vendor, hosting, data region, criticality and lifecycle."
      />
      {isEmpty ? (
        <EmptyState
          title="No systems yet"
          description="Add the systems your processes run on, or import them from a spreadsheet."
          action={newButton}
        />
      ) : (
        <SystemsTable result={result} query={query} toolbar={newButton} />
      )}
    </>
  );
}
