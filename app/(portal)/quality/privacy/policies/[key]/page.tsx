import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card, Notice, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { listEnvironments } from "@/lib/services/flows";
import { searchFlows } from "@/lib/services/flows/lookups";
import { getMaskingPolicyDocument, listMaskingPolicies } from "@/lib/services/quality/privacy";
import { requirePageAccess } from "@/lib/session";
import { formatTime } from "../../_components/vocabulary";
import { PolicyDeployPanel } from "../_components/policy-deploy-panel";
import { PolicyEditor } from "../_components/policy-editor";

export const metadata: Metadata = { title: "Masking policy" };

export default async function MaskingPolicyPage({
  params,
  searchParams,
}: {
  params: Promise<{ key: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const actor = await requirePageAccess("quality:read");
  const { key } = await params;
  const { saved } = await searchParams;
  const [policies, current, environments] = await Promise.all([
    listMaskingPolicies(actor),
    getMaskingPolicyDocument(actor, key),
    listEnvironments(actor),
  ]);
  const policy = policies.find((p) => p.key === key);
  if (!policy) notFound();
  const canManage = can(actor.role, "quality:manage");
  const flowNames = canManage ? (await searchFlows(actor, { q: "", limit: 50 })).options.map((o) => o.label) : [];
  const doc = current?.document;
  return (
    <>
      <PageHeader
        title={`Masking policy ${policy.key}`}
        description={`${policy.description || "No description."}${doc ? ` Covers ${doc.flows.length ? doc.flows.join(", ") : "every flow"}.` : ""}`}
      />
      <div className="space-y-4">
        {saved && <Notice tone="success">Saved as version {saved}. Deploy it to an environment to apply it.</Notice>}
        <Card
          title="Deployments"
          description="One version per environment. The engine masks with the policies deployed where a message runs (outside production); dead-letter and journey views mask with them for viewers without the sensitive-data permission."
        >
          <PolicyDeployPanel
            policyKey={policy.key}
            latest={policy.latest}
            environments={environments.map((e) => {
              const d = policy.deployments.find((x) => x.environmentId === e.id);
              return {
                id: e.id,
                key: e.key,
                name: e.name,
                isProduction: e.isProduction,
                active: d ? { version: d.version, deployedAt: d.deployedAt, deployedBy: d.deployedBy } : null,
              };
            })}
            canDeploy={canManage}
            canRequestChange={can(actor.role, "change:request")}
          />
        </Card>
        {doc && (
          <Card
            title={`Rules of version ${current.number}`}
            description={`${policy.latest ? `Hash ${policy.latest.contentHash.slice(0, 12)}, saved ${formatTime(policy.latest.createdAt)} by ${policy.latest.createdBy}. ` : ""}The first rule that matches a field masks it.`}
          >
            <ol className="list-decimal space-y-1 pl-5 text-sm" aria-label="Rules">
              {doc.rules.map((r, i) => {
                const { match, method, ...options } = r;
                const on = match.path
                  ? `field ${match.path}`
                  : match.tag
                    ? `tag ${match.tag}`
                    : `level ${match.level} or higher`;
                const opts = Object.entries(options)
                  .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
                  .join(", ");
                return (
                  <li key={i}>
                    <span className="font-medium">{on}</span> → {method}
                    {opts && <span className="text-slate-500"> ({opts})</span>}
                  </li>
                );
              })}
            </ol>
          </Card>
        )}
        {canManage && doc && (
          <PolicyEditor
            document={{ key: doc.key, description: doc.description, flows: doc.flows, rules: doc.rules }}
            isNew={false}
            baseVersion={current.number}
            flowNames={flowNames}
          />
        )}
      </div>
    </>
  );
}
