import type { Metadata } from "next";
import { LinkButton, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { listChanges } from "@/lib/services/changes";
import { listEnvironments } from "@/lib/services/flows";
import { requirePageAccess } from "@/lib/session";
import { CHANGE_STATUSES } from "@/lib/validation/changes";
import { parseListQuery } from "@/lib/validation/list";
import { ChangesNav } from "../_components/changes-nav";
import { ChangesTable } from "../_components/changes-table";
import { toChangeListInput } from "../_lib/list-query";

export const metadata: Metadata = { title: "All changes" };

export default async function AllChangesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("change:read");
  const query = parseListQuery(await searchParams);
  const [result, environments] = await Promise.all([
    listChanges(actor, toChangeListInput(query)),
    listEnvironments(actor),
  ]);
  return (
    <>
      <PageHeader
        title="Change requests"
        description="Every change: what it deploys, where, when, its risk and how the CAB decided."
        actions={
          can(actor.role, "change:request") ? (
            <LinkButton href="/flows" variant="secondary">
              Request a change from a flow
            </LinkButton>
          ) : undefined
        }
      />
      <ChangesNav current="/changes/all" canManage={can(actor.role, "change:manage")} />
      <ChangesTable
        result={result}
        query={query}
        environments={environments.map((e) => ({ value: e.key, label: e.name }))}
        statuses={CHANGE_STATUSES}
      />
    </>
  );
}
