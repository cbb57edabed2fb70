import type { Metadata } from "next";
import Link from "next/link";
import { Card, EmptyState, LinkButton, PageHeader } from "@/components/ui";
import { listChangeModels } from "@/lib/services/changes/models";
import { getFlowOrThrow, listEnvironments } from "@/lib/services/flows";
import { orNotFound } from "@/lib/http/not-found";
import { requirePageAccess } from "@/lib/session";
import { ChangeForm } from "../_components/change-form";
import { defaultWindow, localInput } from "../_lib/time";

export const metadata: Metadata = { title: "New change request" };

export default async function NewChangePage({
  searchParams,
}: {
  searchParams: Promise<{ flow?: string; version?: string; env?: string }>;
}) {
  const actor = await requirePageAccess("change:request");
  const sp = await searchParams;
  if (!sp.flow)
    return (
      <>
        <PageHeader title="New change request" />
        <EmptyState
          title="Start from the flow you want to deploy"
          description="Open a flow and choose “Request change” on its production environment, or apply a directory with `switchboard config apply DIR --env prod`, which opens the change for you."
          action={<LinkButton href="/flows">Go to flows</LinkButton>}
        />
      </>
    );
  const [flow, environments, models] = await Promise.all([
    orNotFound(getFlowOrThrow(actor, sp.flow)),
    listEnvironments(actor),
    listChangeModels(actor, { activeOnly: true }),
  ]);
  const version = flow.versions.find((v) => v.id === sp.version) ?? flow.versions[0];
  const env = environments.find((e) => e.key === sp.env) ?? environments.find((e) => e.isProduction) ?? environments[0];
  const running = flow.environments.find((e) => e.id === env?.id)?.deployment;
  const { start, end } = defaultWindow();
  if (!version || !env)
    return (
      <>
        <PageHeader title="New change request" />
        <EmptyState title="Nothing to deploy" description="The flow has no version yet, or there is no environment." />
      </>
    );
  return (
    <>
      <PageHeader
        title="New change request"
        description={`Deploys ${flow.name} to an environment once the CAB approves it. The change binds the version's content hash: the engine runs exactly that content.`}
      />
      <Card>
        <p className="mb-4 text-sm text-slate-600">
          Flow{" "}
          <Link href={`/flows/${flow.id}`} className="font-medium text-indigo-700 hover:underline">
            {flow.name}
          </Link>
          {running ? ` · ${env.name} runs v${running.version} now` : ` · not deployed in ${env.name} yet`}
        </p>
        <ChangeForm
          item={{ kind: "flow", label: flow.name }}
          versions={flow.versions.map((v) => ({
            value: v.id,
            label: `v${v.version} · ${v.contentHash.slice(0, 12)}${v.note ? ` · ${v.note}` : ""}`,
          }))}
          environments={environments.map((e) => ({ value: e.key, label: e.name }))}
          models={models.map((m) => ({ value: m.key, label: `${m.name} (up to ${m.maxRisk} risk)` }))}
          defaults={{
            title: `Deploy ${flow.name} v${version.version} to ${env.key}`,
            environmentKey: env.key,
            versionId: version.id,
            windowStart: localInput(start),
            windowEnd: localInput(end),
            rolloutPlan: `Implement the change inside its window: the engine activates v${version.version} in ${env.name}. Watch the error rate and dead letters for 15 minutes.`,
            rollbackPlan: running
              ? `Roll back to v${running.version} (what ${env.name} runs now) with "Roll back" on the change or the flow page; replay the messages the restoration plan lists.`
              : `Stop the flow in ${env.name}; replay the messages the restoration plan lists once fixed.`,
          }}
        />
      </Card>
    </>
  );
}
