import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { componentCatalog, getFlowOrThrow, getFlowVersionSpec, policySchema } from "@/lib/services/flows";
import { flowInterfaceOption } from "@/lib/services/flows/lookups";
import { orNotFound } from "@/lib/http/not-found";
import { FlowEditor, type CatalogEntry, type EditorSpec } from "../../_components/flow-editor";
import type { JsonSchema } from "../../_lib/schema-form";

export const metadata: Metadata = { title: "New flow version" };

export default async function EditFlowPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ from?: string }>;
}) {
  const actor = await requirePageAccess("flow:edit");
  const { id } = await params;
  const { from } = await searchParams;
  const flow = await orNotFound(getFlowOrThrow(actor, id));
  const baseId = from && flow.versions.some((v) => v.id === from) ? from : flow.versions[0]?.id;
  const base = baseId ? await getFlowVersionSpec(actor, baseId) : null;
  return (
    <>
      <PageHeader
        title={`New version of ${flow.name}`}
        description={
          base
            ? `Starting from version ${base.version.version}. Saving creates a new immutable version; deployments keep running their version until you deploy the new one.`
            : undefined
        }
      />
      <FlowEditor
        catalog={componentCatalog() as CatalogEntry[]}
        policySchema={policySchema() as JsonSchema}
        initialSpec={base ? (base.spec as EditorSpec) : undefined}
        flowId={flow.id}
        intent="import"
        initialInterface={flow.interface ? flowInterfaceOption(flow.interface) : null}
      />
    </>
  );
}
