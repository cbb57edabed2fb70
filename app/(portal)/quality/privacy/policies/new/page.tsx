import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { searchFlows } from "@/lib/services/flows/lookups";
import { requirePageAccess } from "@/lib/session";
import { PolicyEditor } from "../_components/policy-editor";

export const metadata: Metadata = { title: "New masking policy" };

/** A starting point that covers every classification: cards keep their last four, PII is tokenized, the rest redacted. */
const TEMPLATE = {
  key: "",
  description: "",
  flows: [],
  rules: [
    { match: { tag: "PCI" }, method: "partial", keepLast: 4 },
    { match: { tag: "PII" }, method: "tokenize" },
    { match: { level: "confidential" }, method: "redact" },
  ],
};

export default async function NewMaskingPolicyPage() {
  const actor = await requirePageAccess("quality:manage");
  const flowNames = (await searchFlows(actor, { q: "", limit: 50 })).options.map((o) => o.label);
  return (
    <>
      <PageHeader
        title="New masking policy"
        description="Name the policy, say which flows it covers and how each classified field is masked. It applies nowhere until you deploy it."
      />
      <PolicyEditor document={TEMPLATE} isNew baseVersion={null} flowNames={flowNames} />
    </>
  );
}
