import type { Metadata } from "next";
import { Card, Notice, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/http/not-found";
import { getRuleSetOrThrow, listRuleSetFormOptions } from "@/lib/services/quality/rules";
import { requirePageAccess } from "@/lib/session";
import { ArchiveRuleSet } from "../_components/archive-rule-set";
import { DeployPanel } from "../_components/deploy-panel";
import { RuleEditor } from "../_components/rule-editor";
import { RuleSetForm } from "../_components/rule-set-form";

export const metadata: Metadata = { title: "Rule set" };

export default async function RuleSetPage({ params }: { params: Promise<{ key: string }> }) {
  const actor = await requirePageAccess("quality:read");
  const { key } = await params;
  const r = await orNotFound(getRuleSetOrThrow(actor, key));
  const isArchived = r.archivedAt !== null;
  const canManage = can(actor.role, "quality:rules");
  const canEdit = canManage && !isArchived;
  const options = canEdit ? await listRuleSetFormOptions(actor) : null;
  const scope = [
    r.scope.flow && `flow ${r.scope.flow}`,
    r.scope.interface && `interface ${r.scope.interface}`,
    r.scope.domain && `domain ${r.scope.domain}`,
  ]
    .filter(Boolean)
    .join(" · ");
  const previewEnv =
    r.environments.find((e) => e.key === "test" && e.active) ??
    r.environments.find((e) => e.active) ??
    r.environments[0];
  return (
    <>
      <PageHeader
        title={r.name}
        description={`${r.key} · data owner ${r.ownerName}${scope ? ` · ${scope}` : ""}. ${r.description}`}
        actions={canManage ? <ArchiveRuleSet ruleSetId={r.id} ruleSetKey={r.key} isArchived={isArchived} /> : undefined}
      />
      <div className="space-y-4">
        {r.archivedAt && (
          <Notice tone="warning" title="Archived">
            This rule set was archived on {r.archivedAt.slice(0, 10)}: it takes no new versions and cannot be deployed.
            Restore it to work on it again.
          </Notice>
        )}
        <Card
          title="Deployments"
          description="One version per environment; production needs an approved change bound to the version's hash."
        >
          <DeployPanel
            ruleSetId={r.id}
            ruleSetKey={r.key}
            versions={r.versions}
            environments={r.environments}
            canDeploy={!isArchived && can(actor.role, "quality:manage")}
            canRequestChange={!isArchived && can(actor.role, "change:request")}
          />
        </Card>
        <Card title="Versions">
          {r.versions.length ? (
            <table className="w-full text-left text-sm" aria-label="Versions">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-1 pr-3">Version</th>
                  <th className="py-1 pr-3">Rules</th>
                  <th className="py-1 pr-3">Hash</th>
                  <th className="py-1 pr-3">Note</th>
                  <th className="py-1">Saved</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {r.versions.map((v) => (
                  <tr key={v.id}>
                    <td className="py-1.5 pr-3 font-medium">v{v.number}</td>
                    <td className="py-1.5 pr-3">{v.rules}</td>
                    <td className="py-1.5 pr-3 font-mono text-xs">{v.contentHash.slice(0, 12)}</td>
                    <td className="py-1.5 pr-3">{v.note || <span className="text-slate-400">—</span>}</td>
                    <td className="py-1.5">
                      {v.createdAt.slice(0, 16).replace("T", " ")} · {v.createdBy}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-slate-500">No version yet: add rules below and save the first one.</p>
          )}
        </Card>
        {canEdit && previewEnv && (
          <RuleEditor
            ruleSetId={r.id}
            baseVersion={r.latest?.number ?? null}
            rules={(r.latest?.document.rules ?? []) as Record<string, unknown>[]}
            environments={r.environments.map((e) => ({ id: e.id, key: e.key, name: e.name }))}
            defaultEnvironmentId={previewEnv.id}
          />
        )}
        {options && (
          <Card title="Details">
            <RuleSetForm
              options={options}
              values={{
                ruleSetId: r.id,
                key: r.key,
                name: r.name,
                description: r.description,
                ownerId: r.ownerId,
                dataDomainId: r.dataDomainId,
                flowId: r.flowId,
                interfaceId: r.interfaceId,
              }}
            />
          </Card>
        )}
      </div>
    </>
  );
}
