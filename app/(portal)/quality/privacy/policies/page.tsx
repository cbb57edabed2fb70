import type { Metadata } from "next";
import { EmptyState, LinkButton, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { listMaskingPolicies } from "@/lib/services/quality/privacy";
import { requirePageAccess } from "@/lib/session";
import { parseListQuery } from "@/lib/validation/list";
import { PoliciesTable } from "./_components/policies-table";

export const metadata: Metadata = { title: "Masking policies" };

export default async function MaskingPoliciesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("quality:read");
  const query = parseListQuery(await searchParams);
  const all = await listMaskingPolicies(actor);
  // Policies are few (one per data area); the service returns them all, the page searches and pages.
  const q = query.q.toLowerCase();
  const env = query.filters.env;
  const matching = all.filter(
    (p) =>
      (!q || p.key.includes(q) || p.description.toLowerCase().includes(q)) &&
      (!env || (env === "none" ? p.deployments.length === 0 : p.deployments.some((d) => d.environmentKey === env))),
  );
  const start = (query.page - 1) * query.pageSize;
  const result = {
    rows: matching.slice(start, start + query.pageSize),
    total: matching.length,
    page: query.page,
    pageSize: query.pageSize,
  };
  const environments = [...new Set(all.flatMap((p) => p.deployments.map((d) => d.environmentKey)))].sort();
  const newButton = can(actor.role, "quality:manage") ? (
    <LinkButton href="/quality/privacy/policies/new" variant="primary">
      New policy
    </LinkButton>
  ) : undefined;
  return (
    <>
      <PageHeader
        title="Masking policies"
        description="How classified fields are masked: redact, partial mask, salted hash or FF1 format-preserving tokenization, by field path, tag or level. Each policy is a config item: immutable versions by content hash, deployed per environment (dev → test → prod; production only with a change the CAB approved). Outside production the engine masks every message before its outputs."
        actions={newButton}
      />
      {all.length === 0 ? (
        <EmptyState
          title="No masking policies yet"
          description="Create a policy, deploy it to development and test: classified fields are then masked there."
          action={newButton}
        />
      ) : (
        <PoliciesTable result={result} query={query} environments={environments} />
      )}
    </>
  );
}
