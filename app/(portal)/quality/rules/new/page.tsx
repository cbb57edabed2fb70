import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui";
import { listRuleSetFormOptions } from "@/lib/services/quality/rules";
import { requirePageAccess } from "@/lib/session";
import { RuleSetForm } from "../_components/rule-set-form";

export const metadata: Metadata = { title: "New rule set" };

export default async function NewRuleSetPage() {
  const actor = await requirePageAccess("quality:rules");
  const options = await listRuleSetFormOptions(actor);
  return (
    <>
      <PageHeader
        title="New rule set"
        description="Name the rule set and its data owner; add rules on the next page."
      />
      <Card>
        <RuleSetForm options={options} />
      </Card>
    </>
  );
}
