import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, Notice, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { getChange } from "@/lib/services/changes";
import { getRestorationPlan } from "@/lib/services/changes/restoration";
import {
  uiChangeDeployments,
  uiOwnedDomainNames,
  uiRollbackTargets,
  type TUiRollbackTarget,
} from "@/lib/services/changes/ui-queries";
import { orNotFound } from "@/lib/http/not-found";
import { requirePageAccess } from "@/lib/session";
import { AutoRefresh } from "../../flows/_components/auto-refresh";
import { StateBadge } from "../../flows/_components/state-badge";
import {
  ChangeStatusBadge,
  ChangeTypeBadge,
  RiskBadge,
  changeLabel,
  formatDateTime,
  formatWindow,
} from "../_components/badges";
import {
  CancelButton,
  CloseButton,
  DecisionForm,
  ImplementButton,
  RescheduleForm,
  ReviewForm,
} from "../_components/change-controls";
import { ConflictsList } from "../_components/conflicts-list";
import { FieldDiff } from "../_components/field-diff";
import { QuorumPanel } from "../_components/quorum-panel";
import { RestorationPlanView } from "../_components/restoration-plan";
import { RiskFactors } from "../_components/risk-factors";
import { RollbackButton } from "../_components/rollback-button";

export const metadata: Metadata = { title: "Change request" };

const OPEN_STATUSES = ["draft", "submitted", "approved"];

export default async function ChangePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ opened?: string; rolledBack?: string }>;
}) {
  const actor = await requirePageAccess("change:read");
  const { id } = await params;
  const sp = await searchParams;
  const change = await orNotFound(getChange(actor, id));
  const flowIds = change.items.filter((i) => i.kind === "flow").map((i) => i.itemId);
  const canImplementRole = can(actor.role, "change:implement");
  const [deployments, plan, ownedDomains, targets] = await Promise.all([
    uiChangeDeployments(actor, change.id),
    getRestorationPlan(actor, change.id),
    uiOwnedDomainNames(actor, flowIds),
    canImplementRole
      ? Promise.all(flowIds.map((f) => uiRollbackTargets(actor, f))).then((all) => all.flat())
      : Promise.resolve([] as TUiRollbackTarget[]),
  ]);
  const label = changeLabel(change.number);
  const isMine = change.requestedById !== null && change.requestedById === actor.id;
  const isOpen = OPEN_STATUSES.includes(change.status);
  const canManage = can(actor.role, "change:manage");
  const mayCancel = isOpen && (isMine || canManage);
  const needsReview = change.pirRequired && !change.pirAt && ["implemented", "rolled_back"].includes(change.status);
  const mayReview = needsReview && (canManage || canImplementRole);
  const mayClose =
    (change.status === "implemented" || change.status === "rolled_back") &&
    (!change.pirRequired || change.pirAt !== null) &&
    (canManage || canImplementRole);
  // A rollback is offered for what this change put live and still runs.
  const rollbacks = targets.filter(
    (t) => t.environmentKey === change.environmentKey && deployments.some((d) => d.isActive && d.id === t.deploymentId),
  );
  const isLive = deployments.some(
    (d) => d.isActive && !["running", "refused", "failed", "stopped"].includes(d.actualState),
  );

  return (
    <>
      {isLive && <AutoRefresh seconds={5} />}
      <PageHeader
        title={`${label}: ${change.title}`}
        description={change.description || undefined}
        actions={
          <div className="flex flex-wrap items-center gap-2" data-testid="change-header">
            <ChangeTypeBadge type={change.type} />
            <ChangeStatusBadge status={change.status} />
            <RiskBadge level={change.riskLevel} score={change.riskScore} />
          </div>
        }
      />
      <div className="space-y-6">
        {sp.opened && (
          <Notice tone={change.conflicts.length ? "warning" : "success"} title={`Opened ${label}`}>
            {change.status === "approved"
              ? "A standard change within its model's risk: approved at once."
              : `It waits for the CAB: ${change.requiredApprovals} approval(s)${change.requiresDataOwner ? ", including the accountable data owner" : ""}.`}{" "}
            {change.conflicts.length
              ? `${change.conflicts.length} conflict(s) found; see below.`
              : "No conflicts were found."}
          </Notice>
        )}
        {sp.rolledBack && (
          <Notice tone="warning" title="Rolled back">
            The environment runs the last good version again. This emergency change records the rollback; work through
            the restoration plan below, then record the post-implementation review.
          </Notice>
        )}
        {change.rollbackOf && (
          <Notice tone="info">
            Rolls back{" "}
            <Link href={`/changes/${change.rollbackOf.id}`} className="font-medium underline">
              {changeLabel(change.rollbackOf.number)}: {change.rollbackOf.title}
            </Link>
          </Notice>
        )}
        {change.rollbacks.length > 0 && (
          <Notice tone="warning">
            Rolled back by{" "}
            {change.rollbacks.map((r, i) => (
              <span key={r.id}>
                {i > 0 && ", "}
                <Link href={`/changes/${r.id}`} className="font-medium underline">
                  {changeLabel(r.number)}
                </Link>
              </span>
            ))}
          </Notice>
        )}

        <Card>
          <dl className="grid gap-4 text-sm sm:grid-cols-2 lg:grid-cols-4">
            <Field label="Environment">
              {change.environment.name} {change.environment.isProduction && <Badge tone="warning">production</Badge>}
            </Field>
            <Field label="Window">{formatWindow(change.windowStart, change.windowEnd)}</Field>
            <Field label="Requested by">
              {change.requestedByName ?? change.requestedByEmail}
              <span className="block text-xs text-slate-500">
                {formatDateTime(change.createdAt)} via {change.source}
              </span>
            </Field>
            <Field label="Model">{change.model ? `${change.model.name} (up to ${change.model.maxRisk})` : "—"}</Field>
            {change.implementedBy && (
              <Field label="Implemented by">
                {change.implementedBy.name}
                <span className="block text-xs text-slate-500">{formatDateTime(change.implementedAt)}</span>
              </Field>
            )}
            {change.decidedAt && <Field label="Decided">{formatDateTime(change.decidedAt)}</Field>}
            {change.remindersSent > 0 && (
              <Field label="Reminders">
                {change.remindersSent} sent
                {change.escalatedAt ? `, escalated ${formatDateTime(change.escalatedAt)}` : ""}
              </Field>
            )}
          </dl>
        </Card>

        <div className="grid gap-6 lg:grid-cols-2">
          <Card
            title={`Risk score ${change.riskScore}/100`}
            description="Each factor with its evidence; the policy maps the weighted score to a level."
          >
            <RiskFactors factors={change.riskFactors} />
          </Card>
          <div className="space-y-6">
            <Card title="Conflicts">
              <ConflictsList conflicts={change.conflicts} />
            </Card>
            <Card title="Approvals">
              <QuorumPanel quorum={change.quorum} dataOwnerOf={ownedDomains} />
              {change.approvals.length > 0 && (
                <ul className="mt-3 space-y-2 text-sm" data-testid="approvals">
                  {change.approvals.map((a) => (
                    <li key={a.id} className="rounded-md border border-slate-100 p-2">
                      <Badge tone={a.decision === "approve" ? "success" : "danger"}>{a.decision}</Badge>{" "}
                      <span className="font-medium">{a.userName}</span>
                      {a.asDataOwner && <span className="text-xs text-slate-600"> (accountable data owner)</span>}
                      <span className="text-xs text-slate-500"> · {formatDateTime(a.createdAt)}</span>
                      {a.comment && <p className="mt-1 text-slate-700">{a.comment}</p>}
                    </li>
                  ))}
                </ul>
              )}
              {change.viewer.canVote ? (
                <div className="mt-4 border-t border-slate-100 pt-4">
                  <DecisionForm changeId={change.id} label={label} />
                </div>
              ) : (
                can(actor.role, "change:approve") &&
                change.viewer.voteBlockedReason && (
                  <p className="mt-3 text-xs text-slate-600" data-testid="vote-blocked">
                    {change.viewer.voteBlockedReason}
                  </p>
                )
              )}
              {/* A requester who may vote in general still gets the form, and the service's separation-of-duties message. */}
              {!change.viewer.canVote && isMine && can(actor.role, "change:approve") && isOpen && (
                <div className="mt-4 border-t border-slate-100 pt-4">
                  <DecisionForm changeId={change.id} label={label} />
                </div>
              )}
            </Card>
          </div>
        </div>

        <Card
          title="What it deploys"
          description="Each version is bound to its content hash; the diff is against what the environment runs now."
        >
          <div className="space-y-6">
            {change.items.map((item) => (
              <section key={item.id} aria-label={`${item.kindLabel} ${item.itemKey}`} data-testid="change-item">
                <h3 className="text-sm font-semibold text-slate-900">
                  {item.kindLabel}{" "}
                  {item.kind === "flow" ? (
                    <Link href={`/flows/${item.itemId}`} className="text-indigo-700 hover:underline">
                      {item.itemKey}
                    </Link>
                  ) : (
                    item.itemKey
                  )}
                  : {item.previousVersion ? `v${item.previousVersion} → ` : "new → "}v{item.version}{" "}
                  <code className="text-xs font-normal text-slate-500" title={item.contentHash}>
                    #{item.contentHash.slice(0, 12)}
                  </code>{" "}
                  <span className="text-xs font-normal text-slate-500">({item.changes.length} field(s) changed)</span>
                </h3>
                <div className="mt-2">
                  <FieldDiff
                    changes={item.changes}
                    beforeLabel={item.previousVersion ? `v${item.previousVersion} (running)` : "not deployed"}
                    afterLabel={`v${item.version} (this change)`}
                  />
                </div>
              </section>
            ))}
          </div>
        </Card>

        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Rollout plan">
            <p className="whitespace-pre-wrap text-sm text-slate-700">{change.rolloutPlan}</p>
          </Card>
          <Card title="Rollback plan">
            <p className="whitespace-pre-wrap text-sm text-slate-700">{change.rollbackPlan}</p>
          </Card>
        </div>

        <Card title="Deployments" description="What implementing this change deployed, and what the engine reports.">
          {deployments.length ? (
            <ul className="space-y-3" data-testid="change-deployments">
              {deployments.map((d) => (
                <li
                  key={d.id}
                  className="rounded-md border border-slate-200 p-3 text-sm"
                  data-testid={`deployment-${d.id}`}
                >
                  <div className="flex flex-wrap items-center gap-2">
                    <Link
                      href={`/flows/${d.flowId}?env=${d.environmentKey}`}
                      className="font-medium text-indigo-700 hover:underline"
                    >
                      {d.flowName} v{d.version}
                    </Link>
                    <span className="text-slate-500">in {d.environmentKey}</span>
                    <span data-testid="deployment-state">
                      <StateBadge state={d.rolledBackAt ? "rolled_back" : d.isActive ? d.actualState : "superseded"} />
                    </span>
                  </div>
                  <p className="mt-1 text-xs text-slate-500">
                    Deployed {formatDateTime(d.deployedAt)} by {d.deployedBy}
                    {d.activatedAt ? ` · activated ${formatDateTime(d.activatedAt)}` : ""}
                    {d.rolledBackAt ? ` · rolled back ${formatDateTime(d.rolledBackAt)}` : ""}
                  </p>
                  {d.actualState === "refused" && (
                    <div className="mt-2">
                      <Notice tone="danger" title="The engine refused to run it">
                        {d.actualError ?? "No reason recorded."}
                      </Notice>
                    </div>
                  )}
                  {d.actualState === "failed" && d.actualError && (
                    <p className="mt-1 text-xs font-medium text-red-600">{d.actualError}</p>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">Nothing deployed yet: implement the change once it is approved.</p>
          )}
          {rollbacks.map((t) => {
            const d = deployments.find((x) => x.id === t.deploymentId)!;
            return (
              <div
                key={t.deploymentId}
                className="mt-4 flex flex-wrap items-center gap-2 border-t border-slate-100 pt-4"
              >
                <RollbackButton
                  flowId={d.flowId}
                  flowName={d.flowName}
                  environmentKey={t.environmentKey}
                  environmentName={change.environment.name}
                  fromVersion={t.fromVersion}
                  toVersion={t.toVersion}
                  size="md"
                />
                <span className="text-xs text-slate-500">
                  {d.flowName}: back to v{t.toVersion}, the last version that ran well there
                </span>
              </div>
            );
          })}
        </Card>

        {plan && (
          <Card
            title="Restoration plan"
            description="From lineage and the dead letter channel: the messages the bad version handled, to replay on the good version or compensate."
          >
            <RestorationPlanView plan={plan} canExecute={canImplementRole} />
          </Card>
        )}

        {(change.pirRequired || change.pirSummary) && (
          <Card title="Post-implementation review" description="Mandatory for an emergency change before it closes.">
            {change.pirSummary ? (
              <p className="whitespace-pre-wrap text-sm text-slate-700" data-testid="pir-summary">
                {change.pirSummary}
                <span className="block text-xs text-slate-500">{formatDateTime(change.pirAt)}</span>
              </p>
            ) : mayReview ? (
              <ReviewForm changeId={change.id} />
            ) : (
              <p className="text-sm text-slate-600">
                {needsReview ? "Waiting for the review." : "Recorded after the change is implemented."}
              </p>
            )}
          </Card>
        )}

        {(change.status === "approved" || (change.type === "emergency" && change.status === "submitted")) &&
          canImplementRole && (
            <Card
              title="Implement"
              description="Deploys the bound versions inside the window. Whoever approved it may not implement it."
            >
              <ImplementButton
                changeId={change.id}
                label={label}
                blockedReason={change.viewer.implementBlockedReason}
              />
            </Card>
          )}

        {(mayCancel || mayClose) && (
          <Card title="Manage">
            <div className="space-y-4">
              {mayCancel && (
                <RescheduleForm changeId={change.id} windowStart={change.windowStart} windowEnd={change.windowEnd} />
              )}
              <div className="flex flex-wrap gap-2">
                {mayCancel && <CancelButton changeId={change.id} label={label} />}
                {mayClose && <CloseButton changeId={change.id} label={label} />}
              </div>
            </div>
          </Card>
        )}
      </div>
    </>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}
