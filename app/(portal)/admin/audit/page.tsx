import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { auditFacets, listAuditEntries } from "@/lib/services/audit";
import { parseListQuery } from "@/lib/validation/list";
import { AuditTable } from "./_components/audit-table";
import { VerifyChainButton } from "./_components/verify-button";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("audit:read");
  const query = parseListQuery(await searchParams);
  const [result, facets] = await Promise.all([listAuditEntries(actor, query), auditFacets(actor)]);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made through Switchboard: who, what, when, and what changed. Entries are hash-chained, so an edited or removed row is detected."
      />
      {can(actor.role, "audit:verify") && (
        <Card
          title="Integrity"
          description="Recompute every entry's hash and check each link to the one before."
          className="mb-6"
        >
          <VerifyChainButton />
        </Card>
      )}
      <AuditTable result={result} query={query} actions={facets.actions} entityTypes={facets.entityTypes} />
    </>
  );
}
