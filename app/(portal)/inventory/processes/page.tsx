import type { Metadata } from "next";
import { EmptyState, LinkButton, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { listDepartments, listProcesses, systemOptions } from "@/lib/services/inventory";
import { parseListQuery } from "@/lib/validation/list";
import { ProcessesTable } from "./_components/processes-table";

export const metadata: Metadata = { title: "Processes" };

export default async function ProcessesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("inventory:read");
  const query = parseListQuery(await searchParams);
  const [result, departments, systems] = await Promise.all([
    listProcesses(actor, query),
    listDepartments(actor),
    systemOptions(actor),
  ]);
  const canEdit = can(actor.role, "inventory:edit");
  const isEmpty = result.total === 0 && !query.q && Object.keys(query.filters).length === 0;
  return (
    <>
      <PageHeader
        title="Business processes"
        description="Each process with its department, owner, volume, manual effort, error rate, cycle time, pain points and the systems it touches."
      />
      {isEmpty ? (
        <EmptyState
          title="No processes yet"
          description="Add processes one by one, or import the workshop spreadsheet."
          action={
            canEdit ? (
              <div className="flex gap-2">
                <LinkButton href="/inventory/processes/new" variant="primary">
                  New process
                </LinkButton>
                <LinkButton href="/inventory/import">Import a spreadsheet</LinkButton>
              </div>
            ) : undefined
          }
        />
      ) : (
        <ProcessesTable
          result={result}
          query={query}
          departments={departments}
          systems={systems}
          toolbar={
            canEdit ? (
              <LinkButton href="/inventory/processes/new" variant="primary">
                New process
              </LinkButton>
            ) : undefined
          }
        />
      )}
    </>
  );
}
