import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, EmptyState, LinkButton, Notice, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/http/not-found";
import { getApiConsumerOrThrow } from "@/lib/services/apis/consumers";
import { listApiVersionOptions } from "@/lib/services/apis/keys";
import { requirePageAccess } from "@/lib/session";
import { CallbackSecret } from "../_components/callback-secret";
import { DisableConsumerButton } from "../_components/disable-button";
import { IssueKeyDialog } from "../_components/issue-key-dialog";
import { KeysTable } from "../_components/keys-table";

export const metadata: Metadata = { title: "API consumer" };

export default async function ApiConsumerPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const actor = await requirePageAccess("api:read");
  const { id } = await params;
  const { saved } = await searchParams;
  const canManage = can(actor.role, "api:keys");
  const [c, versions] = await Promise.all([
    orNotFound(getApiConsumerOrThrow(actor, id)),
    canManage ? listApiVersionOptions(actor) : Promise.resolve([]),
  ]);
  const revoked = c.keys.filter((k) => k.status === "revoked").length;
  return (
    <>
      <PageHeader
        title={c.name}
        description={`Consumer ${c.key}${c.system ? ` · ${c.system.name}` : ""}`}
        actions={
          <>
            <Link href="/apis/consumers" className="text-sm text-indigo-700 hover:underline">
              ← All consumers
            </Link>
            {c.isDisabled && <Badge tone="danger">Disabled</Badge>}
            {canManage && (
              <LinkButton href={`/apis/consumers/${c.id}/edit`} variant="secondary">
                Edit
              </LinkButton>
            )}
            {canManage && <DisableConsumerButton id={c.id} name={c.name} isDisabled={c.isDisabled} />}
          </>
        }
      />
      {saved && (
        <div className="mb-4">
          <Notice tone="success">Consumer saved.</Notice>
        </div>
      )}
      {c.isDisabled && (
        <div className="mb-4">
          <Notice tone="warning" title="This consumer is disabled">
            The gateway refuses its keys and JWT subjects until it is enabled again.
          </Notice>
        </div>
      )}
      <div className="grid gap-6 md:grid-cols-2">
        <Card title="Consumer">
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="font-medium text-slate-600">Key</dt>
            <dd className="font-mono">{c.key}</dd>
            <dt className="font-medium text-slate-600">Contact</dt>
            <dd>{c.contactEmail ? <a href={`mailto:${c.contactEmail}`}>{c.contactEmail}</a> : "—"}</dd>
            <dt className="font-medium text-slate-600">System</dt>
            <dd>
              {c.system ? (
                <Link href={`/inventory/systems/${c.system.id}`} className="text-indigo-700 hover:underline">
                  {c.system.name}
                </Link>
              ) : (
                "—"
              )}
            </dd>
            <dt className="font-medium text-slate-600">Latency tolerance</dt>
            <dd>
              {c.latencyToleranceMs !== null ? `${c.latencyToleranceMs.toLocaleString("en-US")} ms` : "Not declared"}
            </dd>
            <dt className="font-medium text-slate-600">JWT subjects</dt>
            <dd>
              {c.jwtSubjects.length ? (
                <ul className="font-mono">
                  {c.jwtSubjects.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
              ) : (
                "None (keys only)"
              )}
            </dd>
          </dl>
        </Card>
        <Card title="Plan" description={c.planAllows}>
          <p className="text-sm">
            <Link
              href={canManage ? `/apis/plans/${c.plan.id}` : "/apis/plans"}
              className="text-indigo-700 hover:underline"
            >
              {c.plan.name}
            </Link>{" "}
            <span className="font-mono text-xs text-slate-500">{c.plan.key}</span>
          </p>
          {c.callbackSecret !== null && (
            <div className="mt-6 border-t border-slate-100 pt-4">
              <h3 className="mb-1 text-sm font-semibold text-slate-900">Callback signing</h3>
              <p className="mb-3 text-sm text-slate-600">
                Callbacks of 202 operations are signed with this secret (Standard Webhooks, HMAC-SHA256).
              </p>
              <CallbackSecret consumerId={c.id} secret={c.callbackSecret} />
            </div>
          )}
        </Card>
      </div>
      <div className="mt-6">
        <Card
          title="API keys"
          description={`${c.activeKeyCount} active${revoked ? `, ${revoked} revoked` : ""}. Keys are listed by prefix; the secret is shown only when a key is issued.`}
          actions={
            canManage && !c.isDisabled ? (
              <IssueKeyDialog consumerId={c.id} consumerName={c.name} versions={versions} />
            ) : undefined
          }
        >
          {canManage && versions.length === 0 && (
            <div className="mb-3">
              <Notice tone="info">There are no API versions to scope a key to yet. Create an API first.</Notice>
            </div>
          )}
          {c.keys.length === 0 ? (
            <EmptyState
              title="No keys yet"
              description="Issue a key for an environment and the API versions it may call."
            />
          ) : (
            <KeysTable keys={c.keys} canManage={canManage} />
          )}
        </Card>
      </div>
    </>
  );
}
