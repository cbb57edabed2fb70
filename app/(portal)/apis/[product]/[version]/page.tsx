import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReferenceDocs } from "@/components/apis/reference-docs";
import { Card, LinkButton, Notice, PageHeader } from "@/components/ui";
import { listOperations } from "@/lib/apis/openapi/operations";
import { can } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/http/not-found";
import { getApiVersionOrThrow, STILL_CALLING_DAYS } from "@/lib/services/apis";
import { requirePageAccess } from "@/lib/session";
import { parseMajorSegment } from "@/lib/validation/apis";
import { VersionAnalytics, VersionSyncAsyncAdvice } from "../../_components/analytics-version";
import { ApiLifecycleBadge } from "../../_components/lifecycle-badge";
import { PlainTable } from "../../_components/plain-table";
import { DeprecateForm } from "../_components/deprecate-form";
import { GateNotice } from "../_components/gate-notice";
import { PublishPanel } from "../_components/publish-panel";
import { RetireButton } from "../_components/retire-button";

type Params = { params: Promise<{ product: string; version: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const p = await params;
  return { title: `${p.product}/${p.version}` };
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "—");
const dateInput = (d: Date) => d.toISOString().slice(0, 10);

export default async function ApiVersionPage({ params }: Params) {
  const actor = await requirePageAccess("api:read");
  const { product: key, version: segment } = await params;
  const major = parseMajorSegment(segment);
  if (major === null) notFound();
  const v = await orNotFound(getApiVersionOrThrow(actor, key, major));
  const label = `v${v.major}`;
  const canEdit = can(actor.role, "api:edit") && !v.product.archivedAt && v.lifecycle !== "retired";
  const canPublish = can(actor.role, "api:publish") && !v.product.archivedAt && v.lifecycle !== "retired";
  const base = `/apis/${key}/${segment}`;
  const now = new Date();
  const isPastSunset = v.sunsetAt !== null && new Date(v.sunsetAt) <= now;
  return (
    <>
      <PageHeader
        title={`${v.product.name} ${label}`}
        description={`Served at /${key}/${label}/ on the API gateway.`}
        actions={
          canEdit ? (
            <LinkButton href={`/apis/${key}/revisions/new?major=${v.major}`} variant="primary">
              New revision
            </LinkButton>
          ) : undefined
        }
      />
      <div className="space-y-6">
        <Card>
          <dl className="grid gap-3 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-slate-500">Lifecycle</dt>
              <dd data-testid="version-lifecycle">
                <ApiLifecycleBadge lifecycle={v.lifecycle} />
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">API</dt>
              <dd>
                <Link href={`/apis/${key}`} className="text-indigo-700 hover:underline">
                  {v.product.name}
                </Link>
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Backend</dt>
              <dd>
                {v.current?.document.backend.kind === "flow" ? (
                  v.backendFlow ? (
                    <Link href={`/flows/${v.backendFlow.id}`} className="text-indigo-700 hover:underline">
                      Flow {v.backendFlow.name}
                    </Link>
                  ) : (
                    `Flow ${v.current.document.backend.flow} (not built yet)`
                  )
                ) : v.current?.document.backend.kind === "http" ? (
                  <span className="break-all font-mono text-xs">{v.current.document.backend.url}</span>
                ) : (
                  "—"
                )}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Provided by</dt>
              <dd>
                {v.product.systemId ? (
                  <Link href={`/catalog/system/${v.product.systemId}`} className="text-indigo-700 hover:underline">
                    {v.product.systemName}
                  </Link>
                ) : (
                  "No system"
                )}
              </dd>
            </div>
          </dl>
          {v.lifecycle === "deprecated" && (
            <div className="mt-4">
              <Notice tone="warning" title={`Deprecated since ${day(v.deprecatedAt)}`}>
                Sunset {day(v.sunsetAt)}
                {v.successorMajor !== null && (
                  <>
                    {" "}
                    · successor{" "}
                    <Link href={`/apis/${key}/v${v.successorMajor}`} className="font-medium underline">
                      v{v.successorMajor}
                    </Link>
                  </>
                )}
                {v.deprecationNote && ` · ${v.deprecationNote}`}
              </Notice>
            </div>
          )}
        </Card>

        {v.current ? (
          <Card
            title={`Publish revision ${v.current.number} (${v.current.semver})`}
            description="Development and test directly, production through a change request."
            actions={
              <Link href={`${base}/revisions/${v.current.number}`} className="text-sm text-indigo-700 hover:underline">
                Changes and gate
              </Link>
            }
          >
            <div className="space-y-3">
              <GateNotice gate={v.current.gate} revisionHref={`${base}/revisions/${v.current.number}`} />
              <PublishPanel
                revision={{ id: v.current.id, number: v.current.number }}
                environments={v.environments}
                served={v.deployed}
                reached={[]}
                requestChangeHref={`${base}/request-change?revision=${v.current.number}`}
                isBlocked={v.current.gate.isBlocked}
                canPublish={canPublish}
              />
            </div>
          </Card>
        ) : (
          <Notice>This version has no revision yet.</Notice>
        )}

        <Card title="Revisions" description="Immutable; each is compared with the revision it succeeds.">
          <div className="overflow-x-auto">
            <PlainTable
              caption={`Revisions of ${key}/${label}`}
              columns={[
                { label: "Revision" },
                { label: "Version" },
                { label: "Compared with" },
                { label: "Changes" },
                { label: "Served in" },
                { label: "Created" },
              ]}
            >
              {v.revisionRows.map((r) => (
                <tr key={r.id}>
                  <td className="px-3 py-2">
                    <Link
                      href={`${base}/revisions/${r.number}`}
                      className="font-medium text-indigo-700 hover:underline"
                    >
                      Revision {r.number}
                    </Link>
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{r.semver}</td>
                  <td className="px-3 py-2 text-slate-600">
                    {r.base ? `v${r.base.major} revision ${r.base.number}` : "—"}
                  </td>
                  <td className="px-3 py-2">
                    {r.breakingCount > 0 ? (
                      <span className="font-medium text-red-700">{r.breakingCount} breaking</span>
                    ) : null}
                    {r.breakingCount > 0 && r.changes > r.breakingCount ? " · " : null}
                    {r.changes > r.breakingCount ? `${r.changes - r.breakingCount} other` : null}
                    {r.changes === 0 ? <span className="text-slate-400">None</span> : null}
                  </td>
                  <td className="px-3 py-2">{r.servedIn.join(", ") || <span className="text-slate-400">—</span>}</td>
                  <td className="px-3 py-2 text-slate-600">
                    {r.createdAt.slice(0, 16).replace("T", " ")} · {r.createdBy}
                  </td>
                </tr>
              ))}
            </PlainTable>
          </div>
        </Card>

        <VersionAnalytics apiVersionId={v.id} stillCallingDays={STILL_CALLING_DAYS} />
        {v.current && <VersionSyncAsyncAdvice apiVersionId={v.id} />}

        {v.current && (
          <Card title="Reference">
            <ReferenceDocs
              info={{
                title: String((v.current.document.openapi.info as { title?: unknown } | undefined)?.title ?? key),
                version: v.current.semver,
                description: (v.current.document.openapi.info as { description?: string } | undefined)?.description,
              }}
              operations={listOperations(v.current.document.openapi)}
            />
          </Card>
        )}

        {canPublish && v.lifecycle === "published" && (
          <Card
            title="Deprecate"
            description="Consumers are told by Deprecation, Sunset and Link headers on every response; after the sunset the version answers 410 Gone."
          >
            <DeprecateForm
              apiVersionId={v.id}
              label={label}
              successors={v.successorOptions.map((s) => ({ id: s.id, label: `v${s.major}` }))}
              defaultSunset={dateInput(new Date(now.getTime() + 90 * 86_400_000))}
              minSunset={dateInput(now)}
              consumerCount={v.consumers.length}
            />
          </Card>
        )}
        {can(actor.role, "api:publish") && v.lifecycle === "deprecated" && (
          <Card title="Retire" description="After the sunset, a deprecated version can be retired.">
            {isPastSunset ? (
              <RetireButton apiVersionId={v.id} label={label} />
            ) : (
              <p className="text-sm text-slate-600">
                {label} can be retired after its sunset, {day(v.sunsetAt)}.
              </p>
            )}
          </Card>
        )}
      </div>
    </>
  );
}
