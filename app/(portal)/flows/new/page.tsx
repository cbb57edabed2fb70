import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { componentCatalog, policySchema } from "@/lib/services/flows";
import { FlowEditor, type CatalogEntry } from "../_components/flow-editor";
import type { JsonSchema } from "../_lib/schema-form";

export const metadata: Metadata = { title: "New flow" };

export default async function NewFlowPage() {
  await requirePageAccess("flow:edit");
  return (
    <>
      <PageHeader
        title="New flow"
        description="Choose an input, add steps and outputs, and set the policy. Every field comes from the component's own spec; the form checks it against the engine as you type."
      />
      <FlowEditor
        catalog={componentCatalog() as CatalogEntry[]}
        policySchema={policySchema() as JsonSchema}
        intent="create"
      />
    </>
  );
}
