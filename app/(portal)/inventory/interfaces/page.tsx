import type { Metadata } from "next";
import { EmptyState, LinkButton, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { listInterfaces, systemOptions } from "@/lib/services/inventory";
import { parseListQuery } from "@/lib/validation/list";
import { InterfacesTable } from "./_components/interfaces-table";

export const metadata: Metadata = { title: "Interfaces" };

export default async function InterfacesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("inventory:read");
  const query = parseListQuery(await searchParams);
  const [result, systems] = await Promise.all([listInterfaces(actor, query), systemOptions(actor)]);
  const canEdit = can(actor.role, "inventory:edit");
  const isEmpty = result.total === 0 && !query.q && Object.keys(query.filters).length === 0;
  const newButton =
    canEdit && systems.length >= 2 ? (
      <LinkButton href="/inventory/interfaces/new" variant="primary">
        New interface
      </LinkButton>
    ) : undefined;
  return (
    <>
      <PageHeader
        title="Interfaces"
        description="How data moves between systems today: direction, mechanism, payload format, frequency and volume."
      />
      {isEmpty ? (
        <EmptyState
          title="No interfaces yet"
          description={
            systems.length < 2
              ? "An interface connects two systems. Add at least two systems first."
              : "Record how data moves between your systems, or import them from a spreadsheet."
          }
          action={
            newButton ??
            (canEdit ? (
              <LinkButton href="/inventory/systems/new" variant="primary">
                New system
              </LinkButton>
            ) : undefined)
          }
        />
      ) : (
        <InterfacesTable result={result} query={query} systems={systems} toolbar={newButton} />
      )}
    </>
  );
}
