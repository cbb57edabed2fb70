import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge, Card, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/http/not-found";
import { getApiRevisionOrThrow } from "@/lib/services/apis";
import { requirePageAccess } from "@/lib/session";
import { MAX_WAIVER_DAYS, parseMajorSegment } from "@/lib/validation/apis";
import { ChangesList } from "../../../_components/changes-list";
import { GateNotice } from "../../../_components/gate-notice";
import { PublishPanel } from "../../../_components/publish-panel";
import { WaiverForm } from "../../../_components/waiver-form";

type Params = { params: Promise<{ product: string; version: string; number: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const p = await params;
  return { title: `${p.product}/${p.version} revision ${p.number}` };
}

const dateInput = (d: Date) => d.toISOString().slice(0, 10);

export default async function ApiRevisionPage({ params }: Params) {
  const actor = await requirePageAccess("api:read");
  const { product: key, version: segment, number: rawNumber } = await params;
  const major = parseMajorSegment(segment);
  const number = /^\d{1,6}$/.test(rawNumber) ? Number(rawNumber) : null;
  if (major === null || number === null) notFound();
  const r = await orNotFound(getApiRevisionOrThrow(actor, key, major, number));
  const canPublish = can(actor.role, "api:publish") && r.lifecycle !== "retired";
  const versionHref = `/apis/${key}/${segment}`;
  const served = Object.fromEntries(
    r.servedIn.map((envId) => [envId, { environmentId: envId, revisionNumber: r.number }]),
  );
  const approved = r.changeRequests.filter((c) => c.status === "approved" || c.status === "implemented");
  const now = new Date();
  const isSameMajorBase = r.base?.major === r.major;
  const others = r.changes.filter((c) => c.severity !== "breaking");
  return (
    <>
      <PageHeader
        title={`${r.product.name} v${r.major} · revision ${r.number}`}
        description={`Version ${r.semver || "—"} · ${r.createdAt.slice(0, 16).replace("T", " ")} UTC by ${r.createdBy}${r.note ? ` · ${r.note}` : ""} · hash ${r.contentHash.slice(0, 12)}`}
        actions={
          <Link href={versionHref} className="text-sm text-indigo-700 hover:underline">
            Back to v{r.major}
          </Link>
        }
      />
      <div className="space-y-6">
        <Card
          title="Compatibility"
          description={
            r.base
              ? `Compared with v${r.base.major} revision ${r.base.number} (${r.base.semver})${isSameMajorBase ? ", which it succeeds." : ", the previous major: for information, a new major may break."}`
              : "The first revision: nothing to compare with."
          }
        >
          <div className="space-y-4">
            <GateNotice gate={r.gate} />
            {r.gate.reasons.length > 0 && (
              <section aria-label="Breaking changes">
                <h3 className="mb-2 flex items-center gap-2 text-sm font-semibold text-slate-900">
                  Breaking changes <Badge tone="danger">{r.gate.reasons.length}</Badge>
                </h3>
                <ChangesList
                  label="Breaking changes"
                  changes={r.gate.reasons}
                  baseSource={r.base?.source ?? null}
                  revisionSource={r.source}
                />
              </section>
            )}
            {others.length > 0 && (
              <section aria-label="Other changes">
                <h3 className="mb-2 text-sm font-semibold text-slate-900">Other changes</h3>
                <ChangesList
                  label="Other changes"
                  changes={others}
                  baseSource={r.base?.source ?? null}
                  revisionSource={r.source}
                />
              </section>
            )}
            {r.base && r.changes.length === 0 && (
              <p className="text-sm text-slate-600">No changes to the contract were found.</p>
            )}
          </div>
        </Card>

        <Card title="Publish" description="Development and test directly, production through a change request.">
          <PublishPanel
            revision={{ id: r.id, number: r.number }}
            environments={r.environments}
            served={served}
            reached={r.reached}
            requestChangeHref={`${versionHref}/request-change?revision=${r.number}`}
            isBlocked={r.gate.isBlocked}
            canPublish={canPublish}
          />
          {r.changeRequests.length > 0 && (
            <ul className="mt-3 space-y-1 text-sm">
              {r.changeRequests.map((c) => (
                <li key={c.id}>
                  <Link href={`/changes/${c.id}`} className="text-indigo-700 hover:underline">
                    CHG-{c.number}
                  </Link>{" "}
                  {c.title} · {c.environmentKey} · {c.status}
                </li>
              ))}
            </ul>
          )}
        </Card>

        {r.gate.isGated && canPublish && (
          <Card
            title="Waive the breaking changes"
            description={`An exception lasts at most ${MAX_WAIVER_DAYS} days and is valid only with an approved change request that deploys this revision. Request the change first, then record the waiver once the CAB approved it.`}
          >
            {r.gate.waivers.length > 0 && (
              <ul className="mb-4 space-y-1 text-sm" aria-label="Waivers">
                {r.gate.waivers.map((w) => (
                  <li key={w.id}>
                    <Badge tone={w.isValid ? "success" : "neutral"}>{w.isValid ? "valid" : "not valid"}</Badge> until{" "}
                    {w.expiresAt.slice(0, 10)} · CHG-{w.change.number} ({w.change.status}) · {w.reason}
                  </li>
                ))}
              </ul>
            )}
            <WaiverForm
              revisionId={r.id}
              changes={approved.map((c) => ({ id: c.id, label: `CHG-${c.number} ${c.title} (${c.environmentKey})` }))}
              defaultExpiry={dateInput(new Date(now.getTime() + 30 * 86_400_000))}
              maxExpiry={dateInput(new Date(now.getTime() + MAX_WAIVER_DAYS * 86_400_000))}
            />
          </Card>
        )}

        <Card title="Document">
          <details>
            <summary className="cursor-pointer text-sm font-medium text-slate-700">
              Show the OpenAPI text ({r.source.split("\n").length} lines)
            </summary>
            <pre className="mt-3 max-h-[32rem] overflow-auto rounded bg-slate-50 p-3 font-mono text-xs text-slate-800 ring-1 ring-slate-200">
              {r.source.split("\n").map((line, i) => (
                <span key={i} className="block">
                  <span className="mr-3 inline-block w-8 select-none text-right text-slate-400">{i + 1}</span>
                  {line}
                </span>
              ))}
            </pre>
          </details>
        </Card>
      </div>
    </>
  );
}
