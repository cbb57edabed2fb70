import type { Metadata } from "next";
import Link from "next/link";
import { ChangeForm } from "@/app/(portal)/changes/_components/change-form";
import { defaultWindow, localInput } from "@/app/(portal)/changes/_lib/time";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { orNotFound } from "@/lib/http/not-found";
import { listChangeModels } from "@/lib/services/changes/models";
import { getRuleSetOrThrow } from "@/lib/services/quality/rules";
import { requirePageAccess } from "@/lib/session";

export const metadata: Metadata = { title: "Request a rule-set change" };

/** A change request that deploys a rule-set version (to production, usually). */
export default async function RequestRuleSetChangePage({
  params,
  searchParams,
}: {
  params: Promise<{ key: string }>;
  searchParams: Promise<{ version?: string; env?: string }>;
}) {
  const actor = await requirePageAccess("change:request");
  const { key } = await params;
  const sp = await searchParams;
  const [r, models] = await Promise.all([
    orNotFound(getRuleSetOrThrow(actor, key)),
    listChangeModels(actor, { activeOnly: true }),
  ]);
  const version = r.versions.find((v) => v.id === sp.version) ?? r.versions[0];
  const env = r.environments.find((e) => e.key === sp.env) ?? r.environments.find((e) => e.isProduction);
  if (r.archivedAt)
    return (
      <>
        <PageHeader title="Request a rule-set change" />
        <EmptyState
          title="This rule set is archived"
          description={`${r.key} is archived and cannot be deployed; restore it on its page first.`}
        />
      </>
    );
  if (!version || !env)
    return (
      <>
        <PageHeader title="Request a rule-set change" />
        <EmptyState
          title="Nothing to deploy"
          description="This rule set has no version yet, or there is no environment."
        />
      </>
    );
  const { start, end } = defaultWindow();
  return (
    <>
      <PageHeader
        title="Request a rule-set change"
        description={`Deploys ${r.key} to ${env.name} once the CAB approves it. The change binds the version's content hash: the engine enforces exactly those rules.`}
      />
      <Card>
        <p className="mb-4 text-sm text-slate-600">
          Rule set{" "}
          <Link href={`/quality/rules/${r.key}`} className="font-medium text-indigo-700 hover:underline">
            {r.key}
          </Link>
          {env.active ? ` · ${env.name} enforces v${env.active.number} now` : ` · not enforced in ${env.name} yet`}
        </p>
        <ChangeForm
          item={{ kind: "ruleset", label: r.key }}
          versions={r.versions.map((v) => ({
            value: v.id,
            label: `v${v.number} · ${v.rules} rules · ${v.contentHash.slice(0, 12)}`,
          }))}
          environments={r.environments.map((e) => ({ value: e.key, label: e.name }))}
          models={models.map((m) => ({ value: m.key, label: `${m.name} (up to ${m.maxRisk} risk)` }))}
          defaults={{
            title: `Enforce ${r.key} v${version.number} in ${env.key}`,
            environmentKey: env.key,
            versionId: version.id,
            windowStart: localInput(start),
            windowEnd: localInput(end),
            rolloutPlan: `Implement the change inside its window: ${env.name} enforces v${version.number} of ${r.key} from the engine's next messages. Watch the quarantine for 15 minutes.`,
            rollbackPlan: env.active
              ? `Roll back to v${env.active.number} (what ${env.name} enforces now) with "Roll back" on the change.`
              : `Request a change that deploys an empty version, or remove the validate step from the flow.`,
          }}
        />
      </Card>
    </>
  );
}
