import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, EmptyState, LinkButton, Notice, PageHeader, Stat } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import {
  flowBacklog,
  flowMetrics,
  flowPollPositions,
  getFlowOrThrow,
  type BacklogRow,
  type PollPosition,
} from "@/lib/services/flows";
import { uiRollbackTargets } from "@/lib/services/changes/ui-queries";
import { dataDomainOptions, listFlowDataDomains } from "@/lib/services/flows/data-domains";
import { recentRuns } from "@/lib/services/runs";
import { orNotFound } from "@/lib/http/not-found";
import { AutoRefresh } from "../_components/auto-refresh";
import { DeployForm } from "../_components/deploy-form";
import { DeploymentControls } from "../_components/deployment-controls";
import { MetricsCharts } from "../_components/metrics-charts";
import { RunsList } from "../_components/runs-list";
import { StateBadge } from "../_components/state-badge";
import { RollbackButton } from "../../changes/_components/rollback-button";
import { DataDomainsEditor } from "./_components/data-domains-card";
import { DeprecateLink } from "./_components/deprecate-link";

export const metadata: Metadata = { title: "Flow" };

// What each lineage level keeps (policy.lineage, set in the flow's policy when editing a version).
const LINEAGE_HINT: Record<"full" | "sampled" | "errors", (rate: number) => string> = {
  full: () => ": every run has a journey",
  sampled: (rate) =>
    `: ${Number((rate * 100).toPrecision(3))}% of successful runs, plus every failed, dead-lettered or replayed run`,
  errors: () => ": failed, dead-lettered and replayed runs only",
};

const WINDOWS = [
  { minutes: 60, label: "1 h" },
  { minutes: 360, label: "6 h" },
  { minutes: 1440, label: "24 h" },
];

export default async function FlowPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ env?: string; window?: string; saved?: string; unchanged?: string; linked?: string }>;
}) {
  const actor = await requirePageAccess("flow:read");
  const { id } = await params;
  const sp = await searchParams;
  const flow = await orNotFound(getFlowOrThrow(actor, id));
  const deployedEnvs = flow.environments.filter((e) => e.deployment);
  const selectedEnv = flow.environments.find((e) => e.key === sp.env) ?? deployedEnvs[0] ?? flow.environments[0];
  const minutes = WINDOWS.find((w) => String(w.minutes) === sp.window)?.minutes ?? 60;
  const [metrics, runs, backlog, pollPositions, dataDomains, domainOptions, rollbackTargets] = await Promise.all([
    selectedEnv ? flowMetrics(actor, { flowId: flow.id, environmentId: selectedEnv.id, minutes }) : null,
    recentRuns(actor, flow.id, 10),
    flowBacklog(actor, flow.id),
    flowPollPositions(actor, flow.id),
    listFlowDataDomains(actor, flow.id),
    can(actor.role, "flow:edit") ? dataDomainOptions(actor) : Promise.resolve([]),
    can(actor.role, "change:implement") ? uiRollbackTargets(actor, id) : Promise.resolve([]),
  ]);
  const canEdit = can(actor.role, "flow:edit");
  const canDeploy = can(actor.role, "flow:deploy");
  const canOperate = can(actor.role, "flow:operate");
  const canRequestChange = can(actor.role, "change:request");
  const latest = flow.versions[0];
  const isProd = (e: { key: string; isProduction: boolean }) =>
    e.isProduction || e.key === "prod" || e.key === "production";
  // The version a production change would take: what runs in the environment before production (promotion
  // goes dev → test → prod), else the latest.
  const prodIndex = flow.environments.findIndex(isProd);
  const staged = prodIndex > 0 ? flow.environments[prodIndex - 1]?.deployment : null;
  const changeVersion = flow.versions.find((v) => v.id === staged?.flowVersionId) ?? latest;
  const totalBacklog = backlog.reduce((a, b) => a + (b.isStale ? 0 : b.depth), 0);
  const link = flow.interface;
  const decision = link?.decision ?? null;
  const query = (over: Record<string, string>) =>
    `?${new URLSearchParams({ env: selectedEnv?.key ?? "", window: String(minutes), ...over })}`;

  return (
    <>
      <AutoRefresh seconds={10} />
      <PageHeader
        title={flow.name}
        description={flow.description || undefined}
        actions={
          <>
            {latest && (
              <>
                <LinkButton href={`/flows/${flow.id}/export?version=${latest.id}&format=yaml`} prefetch={false}>
                  Export YAML
                </LinkButton>
                <LinkButton href={`/flows/${flow.id}/export?version=${latest.id}&format=json`} prefetch={false}>
                  Export JSON
                </LinkButton>
              </>
            )}
            <DeprecateLink actor={actor} flowId={flow.id} />
            {canEdit && (
              <LinkButton href={`/flows/${flow.id}/edit`} variant="primary">
                New version
              </LinkButton>
            )}
          </>
        }
      />
      <div className="space-y-6">
        {sp.saved && (
          <Notice tone="success">
            {sp.unchanged
              ? sp.linked
                ? `The spec is identical to version ${sp.saved}, so no new version; the interface link was updated.`
                : `Nothing changed: the spec is identical to version ${sp.saved}.`
              : `Saved version ${sp.saved}. Deploy it to an environment below.`}
          </Notice>
        )}
        {flow.isResidencyFlagged && link && decision && (
          <div data-testid="residency-flag">
            <Notice tone="danger" title="Flagged for data residency">
              This flow implements{" "}
              <Link href={`/inventory/interfaces/${link.id}`} className="font-medium underline">
                {link.name}
              </Link>{" "}
              ({link.source} → {link.target}), and its current architecture decision{" "}
              <Link href={`/advisor/${decision.id}`} className="font-medium underline">
                ADR-{decision.number}: {decision.title}
              </Link>{" "}
              found EU personal data going to a non-EU target without a recorded legal basis. Record a legal basis in a
              new decision, or acknowledge the flag when deploying to production.
            </Notice>
          </div>
        )}
        <div className="grid gap-4 sm:grid-cols-4">
          <Stat
            label="Latest version"
            value={latest ? `v${latest.version}` : "—"}
            hint={latest ? `hash ${latest.contentHash.slice(0, 12)}` : undefined}
          />
          <Stat
            label="Messages (window)"
            value={metrics?.totals.throughput ?? 0}
            hint={selectedEnv ? `in ${selectedEnv.name}` : undefined}
          />
          <Stat
            label="Success rate"
            value={metrics?.totals.successRate == null ? "—" : `${metrics.totals.successRate}%`}
          />
          <Stat
            label="Dead letters"
            value={
              <Link
                href={`/flows/dlq?f.flow=${flow.id}`}
                className="text-indigo-700 hover:underline"
                data-testid="dlq-count"
              >
                {flow.dlqPending}
              </Link>
            }
            hint={backlog.length ? `Backlog: ${totalBacklog} queued` : "pending replay or discard"}
          />
        </div>

        <Card
          title="Interface"
          description="The inventory interface this flow implements; data residency follows its current architecture decision."
        >
          {link ? (
            <dl className="grid gap-2 text-sm sm:grid-cols-3" data-testid="flow-interface">
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Interface</dt>
                <dd>
                  <Link href={`/inventory/interfaces/${link.id}`} className="text-indigo-700 hover:underline">
                    {link.name}
                  </Link>{" "}
                  <span className="text-slate-600">
                    ({link.source} → {link.target})
                  </span>
                </dd>
              </div>
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Architecture decision</dt>
                <dd>
                  {decision ? (
                    <Link href={`/advisor/${decision.id}`} className="text-indigo-700 hover:underline">
                      ADR-{decision.number}: {decision.title}
                    </Link>
                  ) : (
                    <span className="text-slate-600">None recorded yet</span>
                  )}
                </dd>
              </div>
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Residency</dt>
                <dd>
                  {!decision ? (
                    <Badge>Not assessed</Badge>
                  ) : decision.residencyFlagged ? (
                    <Badge tone="danger">Flagged</Badge>
                  ) : (
                    <Badge tone="success">
                      {decision.legalBasis !== "none"
                        ? `Clear (legal basis: ${decision.legalBasis.replaceAll("_", " ")})`
                        : "Clear"}
                    </Badge>
                  )}
                </dd>
              </div>
            </dl>
          ) : (
            <p className="text-sm text-slate-600">
              Not linked to an inventory interface, so residency is not assessed.
              {canEdit ? " Link one when you save the next version (New version)." : ""}
            </p>
          )}
        </Card>

        <Card
          title="Data domains"
          description="What data this flow carries: the CAB risk score reads its classification, and production waits for the accountable owner's current sign-off on personal data."
        >
          <DataDomainsEditor flowId={flow.id} linked={dataDomains} options={domainOptions} canEdit={canEdit} />
        </Card>

        <Card
          title="Deployments"
          description="Desired state is what the portal asks for; actual state is what the engine reports."
        >
          <div className="grid gap-4 md:grid-cols-3">
            {flow.environments.map((env) => (
              <div key={env.id} className="rounded-md border border-slate-200 p-4" data-testid={`env-${env.key}`}>
                <div className="flex items-center justify-between">
                  <h3 className="font-medium text-slate-900">{env.name}</h3>
                  {env.deployment ? (
                    <span data-testid={`actual-state-${env.key}`}>
                      <StateBadge state={env.deployment.actualState} />
                    </span>
                  ) : (
                    <span className="text-xs text-slate-500">Not deployed</span>
                  )}
                </div>
                {env.deployment?.actualState === "refused" && (
                  <div className="mt-2" data-testid={`refused-${env.key}`}>
                    <Notice tone="danger" title="The engine refused this deployment">
                      {env.deployment.actualError ?? "No reason was recorded."}
                    </Notice>
                  </div>
                )}
                {env.deployment && (
                  <dl className="mt-2 space-y-1 text-xs text-slate-600">
                    <div>
                      Version v{env.deployment.version} · desired <strong>{env.deployment.desiredState}</strong>
                    </div>
                    <div>
                      Deployed {new Date(env.deployment.deployedAt).toLocaleString()} by {env.deployment.deployedBy}
                    </div>
                    <div data-testid={`lineage-level-${env.key}`}>
                      Lineage <strong>{env.deployment.lineage.level}</strong>
                      {LINEAGE_HINT[env.deployment.lineage.level](env.deployment.lineage.sampleRate)}
                    </div>
                    {env.deployment.actualError && env.deployment.actualState !== "refused" && (
                      <div className="font-medium text-red-600">{env.deployment.actualError}</div>
                    )}
                    <BacklogLines backlog={backlog.find((b) => b.environmentId === env.id)} />
                    <PollLine poll={pollPositions.find((p) => p.environmentId === env.id)} environmentKey={env.key} />
                    <div>
                      <Link
                        href={`/flows/dlq?f.flow=${flow.id}&f.environment=${env.key}`}
                        className="text-indigo-700 hover:underline"
                      >
                        {env.dlqPending} dead letter{env.dlqPending === 1 ? "" : "s"}
                      </Link>
                    </div>
                  </dl>
                )}
                {env.deployment && canOperate && (
                  <div className="mt-3">
                    <DeploymentControls
                      deploymentId={env.deployment.id}
                      desiredState={env.deployment.desiredState}
                      environmentName={env.name}
                    />
                  </div>
                )}
                {(() => {
                  const target = rollbackTargets.find((t) => t.environmentKey === env.key);
                  return target && env.deployment?.id === target.deploymentId ? (
                    <div className="mt-3" data-testid={`rollback-${env.key}`}>
                      <RollbackButton
                        flowId={flow.id}
                        flowName={flow.name}
                        environmentKey={env.key}
                        environmentName={env.name}
                        fromVersion={target.fromVersion}
                        toVersion={target.toVersion}
                      />
                      <span className="ml-2 text-xs text-slate-500">to v{target.toVersion}, the last good version</span>
                    </div>
                  ) : null;
                })()}
                {isProd(env) && canRequestChange && changeVersion && (
                  <div className="mt-3 border-t border-slate-100 pt-3">
                    <p className="mb-2 text-xs text-slate-600">
                      Production runs what the CAB approved: request a change for v{changeVersion.version}
                      {staged ? ` (running in ${flow.environments[prodIndex - 1]?.name})` : ""}.
                    </p>
                    <LinkButton
                      size="sm"
                      variant="primary"
                      href={`/changes/new?${new URLSearchParams({ flow: flow.id, version: changeVersion.id, env: env.key })}`}
                    >
                      Request change
                    </LinkButton>
                  </div>
                )}
              </div>
            ))}
          </div>
          {canDeploy && flow.versions.length > 0 && (
            <div className="mt-4 border-t border-slate-200 pt-4">
              <DeployForm
                versions={flow.versions.map((v) => ({ id: v.id, version: v.version }))}
                // Production is not offered: it takes a change request ("Request change" above).
                environments={flow.environments
                  .filter((e) => !isProd(e))
                  .map((e) => ({
                    id: e.id,
                    name: e.name,
                    isProduction: false,
                    activeVersion:
                      e.deployment && e.deployment.desiredState !== "stopped" ? e.deployment.version : null,
                  }))}
                residency={
                  flow.isResidencyFlagged && link && decision
                    ? { decisionNumber: decision.number, interfaceName: link.name }
                    : null
                }
              />
            </div>
          )}
        </Card>

        <Card
          title="Metrics"
          description={selectedEnv ? `${selectedEnv.name}, per minute` : undefined}
          actions={
            <nav aria-label="Metrics window" className="flex flex-wrap gap-1 text-sm">
              {flow.environments.map((e) => (
                <Link
                  key={e.id}
                  href={query({ env: e.key })}
                  className={
                    e.id === selectedEnv?.id ? "font-semibold text-indigo-700" : "text-slate-600 hover:underline"
                  }
                  aria-current={e.id === selectedEnv?.id ? "true" : undefined}
                >
                  {e.key}
                </Link>
              ))}
              <span className="text-slate-300">|</span>
              {WINDOWS.map((w) => (
                <Link
                  key={w.minutes}
                  href={query({ window: String(w.minutes) })}
                  className={w.minutes === minutes ? "font-semibold text-indigo-700" : "text-slate-600 hover:underline"}
                  aria-current={w.minutes === minutes ? "true" : undefined}
                >
                  {w.label}
                </Link>
              ))}
            </nav>
          }
        >
          {metrics ? (
            <MetricsCharts points={metrics.points.map((p) => ({ ...p, t: Date.parse(p.minute) }))} />
          ) : (
            <EmptyState
              title="No metrics yet"
              description="Deploy the flow and send traffic; the engine writes minute rollups."
            />
          )}
        </Card>

        <Card
          title="Recent runs"
          actions={
            <LinkButton href={`/flows/runs?f.flow=${flow.id}`} size="sm">
              All runs
            </LinkButton>
          }
        >
          <RunsList runs={runs} />
        </Card>

        <Card title="Versions" description="Immutable; each is identified by the hash of its content.">
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2">Version</th>
                <th>Hash</th>
                <th>Note</th>
                <th>Created</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {flow.versions.map((v) => (
                <tr key={v.id}>
                  <td className="py-2 font-medium">v{v.version}</td>
                  <td>
                    <code className="text-xs" title={v.contentHash}>
                      {v.contentHash.slice(0, 16)}…
                    </code>
                  </td>
                  <td className="text-slate-600">{v.note || "—"}</td>
                  <td className="text-slate-600">
                    {new Date(v.createdAt).toLocaleString()} · {v.createdBy}
                  </td>
                  <td className="space-x-2 text-right text-xs">
                    <a
                      href={`/flows/${flow.id}/export?version=${v.id}&format=yaml`}
                      className="text-indigo-700 hover:underline"
                    >
                      YAML
                    </a>
                    <a
                      href={`/flows/${flow.id}/export?version=${v.id}&format=json`}
                      className="text-indigo-700 hover:underline"
                    >
                      JSON
                    </a>
                    {canEdit && (
                      <Link href={`/flows/${flow.id}/edit?from=${v.id}`} className="text-indigo-700 hover:underline">
                        Edit from here
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>
    </>
  );
}

/** "5 s ago", "3 min ago": how old a backlog reading was when the page was rendered (it refreshes itself). */
function ago(seconds: number, iso: string): string {
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return `on ${new Date(iso).toLocaleString()}`;
}

/** The deployment's backlog as the engine last measured it, per queue, with the reading's age. */
function BacklogLines({ backlog }: { backlog: BacklogRow | undefined }) {
  if (!backlog)
    return (
      <div className="text-slate-500">
        Backlog not measured yet: the engine reports it within seconds of running the deployment.
      </div>
    );
  return (
    <div data-testid={`backlog-${backlog.environmentKey}`}>
      <div>
        Backlog <strong data-testid={`backlog-depth-${backlog.environmentKey}`}>{backlog.depth}</strong> waiting ·
        measured{" "}
        <time dateTime={backlog.measuredAt} title={new Date(backlog.measuredAt).toLocaleString()}>
          {ago(backlog.ageSeconds, backlog.measuredAt)}
        </time>
        {backlog.isStale && (
          <>
            {" "}
            <Badge tone="warning">stale</Badge>{" "}
            <span className="text-slate-500">
              no engine has measured it since (engine down, or the deployment is stopped)
            </span>
          </>
        )}
      </div>
      <ul className="mt-0.5 space-y-0.5 pl-3">
        {backlog.queues.map((q) => (
          <li key={q.queue}>
            <code className="break-all">{q.queue}</code> (
            {q.role === "input" ? "input" : "direct: replays and fire-and-forget calls"}, {q.transport}):{" "}
            <strong>{q.depth}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A polling input's committed position and the engine that polls it (one at a time, by lease). */
function PollLine({ poll, environmentKey }: { poll: PollPosition | undefined; environmentKey: string }) {
  if (!poll) return null;
  return (
    <div data-testid={`poll-${environmentKey}`}>
      Polled up to{" "}
      {poll.position ? (
        <>
          <code className="break-all">
            {poll.position.length > 80 ? `${poll.position.slice(0, 80)}…` : poll.position}
          </code>{" "}
          · committed <time dateTime={poll.committedAt!}>{new Date(poll.committedAt!).toLocaleString()}</time>
        </>
      ) : (
        <span className="text-slate-500">the start (no batch committed yet)</span>
      )}
      {" · "}
      {poll.polledBy ? (
        <>polled by {poll.polledBy}</>
      ) : (
        <span className="text-slate-500">no engine polling it now</span>
      )}
    </div>
  );
}
