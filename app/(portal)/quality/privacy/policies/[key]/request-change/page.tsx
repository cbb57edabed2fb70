import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChangeForm } from "@/app/(portal)/changes/_components/change-form";
import { defaultWindow, localInput } from "@/app/(portal)/changes/_lib/time";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { listChangeModels } from "@/lib/services/changes/models";
import { listEnvironments } from "@/lib/services/flows";
import { listMaskingPolicies } from "@/lib/services/quality/privacy";
import { requirePageAccess } from "@/lib/session";

export const metadata: Metadata = { title: "Request a masking-policy change" };

/** A change request that deploys a masking-policy version (to production, usually). */
export default async function RequestMaskingPolicyChangePage({
  params,
  searchParams,
}: {
  params: Promise<{ key: string }>;
  searchParams: Promise<{ env?: string }>;
}) {
  const actor = await requirePageAccess("change:request");
  const { key } = await params;
  const sp = await searchParams;
  const [policies, environments, models] = await Promise.all([
    listMaskingPolicies(actor),
    listEnvironments(actor),
    listChangeModels(actor, { activeOnly: true }),
  ]);
  const policy = policies.find((p) => p.key === key);
  if (!policy) notFound();
  const env = environments.find((e) => e.key === sp.env) ?? environments.find((e) => e.isProduction);
  const latest = policy.latest;
  if (!latest || !env)
    return (
      <>
        <PageHeader title="Request a masking-policy change" />
        <EmptyState
          title="Nothing to deploy"
          description="This policy has no version yet, or there is no environment."
        />
      </>
    );
  const active = policy.deployments.find((d) => d.environmentId === env.id);
  const { start, end } = defaultWindow();
  return (
    <>
      <PageHeader
        title="Request a masking-policy change"
        description={`Deploys ${policy.key} to ${env.name} once the CAB approves it. The change binds the version's content hash: exactly those rules apply.`}
      />
      <Card>
        <p className="mb-4 text-sm text-slate-600">
          Policy{" "}
          <Link
            href={`/quality/privacy/policies/${policy.key}`}
            className="font-medium text-indigo-700 hover:underline"
          >
            {policy.key}
          </Link>
          {active ? ` · ${env.name} applies v${active.version} now` : ` · not applied in ${env.name} yet`}
        </p>
        <ChangeForm
          item={{ kind: "masking", label: policy.key }}
          versions={[{ value: latest.id, label: `v${latest.number} · ${latest.contentHash.slice(0, 12)}` }]}
          environments={environments.map((e) => ({ value: e.key, label: e.name }))}
          models={models.map((m) => ({ value: m.key, label: `${m.name} (up to ${m.maxRisk} risk)` }))}
          defaults={{
            title: `Mask with ${policy.key} v${latest.number} in ${env.key}`,
            environmentKey: env.key,
            versionId: latest.id,
            windowStart: localInput(start),
            windowEnd: localInput(end),
            rolloutPlan: `Implement the change inside its window: ${env.name} applies v${latest.number} of ${policy.key} from the engine's next messages. Check a dead letter's view as a viewer.`,
            rollbackPlan: active
              ? `Roll back to v${active.version} (what ${env.name} applies now) with "Roll back" on the change.`
              : "Roll back with the change's rollback: the environment then applies no policy of this key.",
          }}
        />
      </Card>
    </>
  );
}
