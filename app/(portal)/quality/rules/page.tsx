import type { Metadata } from "next";
import { EmptyState, LinkButton, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { listRuleSetFormOptions, listRuleSets } from "@/lib/services/quality/rules";
import { requirePageAccess } from "@/lib/session";
import { parseListQuery } from "@/lib/validation/list";
import { RuleSetsTable } from "./_components/rule-sets-table";

export const metadata: Metadata = { title: "Validation rules" };

export default async function RuleSetsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("quality:read");
  const query = parseListQuery(await searchParams);
  const [result, options] = await Promise.all([listRuleSets(actor, query), listRuleSetFormOptions(actor)]);
  const isEmpty = result.total === 0 && !query.q && Object.keys(query.filters).length === 0;
  const newButton = can(actor.role, "quality:rules") ? (
    <LinkButton href="/quality/rules/new" variant="primary">
      New rule set
    </LinkButton>
  ) : undefined;
  return (
    <>
      <PageHeader
        title="Validation rules"
        description="Rule sets checked at a flow's entry point by its validate_rules step. A failing record never goes downstream: it waits in the quarantine for its data owner. Versions are immutable; production enforces only what the CAB approved."
        actions={newButton}
      />
      {isEmpty ? (
        <EmptyState
          title="No rule sets yet"
          description="Create a rule set, add its rules, deploy it to development and add a validate_rules step to the flow."
          action={newButton}
        />
      ) : (
        <RuleSetsTable result={result} query={query} owners={options.owners} flows={options.flows} />
      )}
    </>
  );
}
