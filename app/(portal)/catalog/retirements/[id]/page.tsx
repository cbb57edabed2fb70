import type { Metadata } from "next";
import Link from "next/link";
import { Card, LinkButton, Notice, PageHeader, Stat } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/http/not-found";
import { getRetirementOrThrow, listWaiverChanges } from "@/lib/services/retirements";
import { requirePageAccess } from "@/lib/session";
import { BrownoutEditor } from "../_components/brownout-editor";
import { ConsumersTable } from "../_components/consumers-table";
import { CutoverTimeline } from "../_components/cutover-timeline";
import { QuietMeter } from "../_components/quiet-meter";
import { RetirePanel } from "../_components/retire-panel";
import { CancelRetirementButton, SunsetForm } from "../_components/schedule-controls";
import { formatUtc, RetirementStatusBadge } from "../_components/status-badge";
import { CatalogNav } from "../../_components/catalog-nav";

export const metadata: Metadata = { title: "Retirement" };

const PHASE_LABEL = {
  deprecated: "Deprecated",
  in_brownout: "In a brownout",
  past_sunset: "Past its sunset",
  retired: "Retired",
  cancelled: "Cancelled",
} as const;

export default async function RetirementPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageAccess("catalog:read");
  const { id } = await params;
  const r = await orNotFound(getRetirementOrThrow(actor, id));
  const isOpen = r.status === "deprecated";
  const canRetire = can(actor.role, "catalog:retire");
  const waivers = isOpen && canRetire ? await listWaiverChanges(actor, { retirementId: r.id }) : [];
  const effect =
    r.subjectKind === "flow"
      ? "Its deployments stop in every environment, the flow is archived and marked retired in the catalog."
      : "The interface leaves the live inventory graph (kept for history); its flows keep running until retired themselves.";
  const observed = r.consumers.filter((c) => c.source === "observed").length;
  return (
    <>
      <PageHeader
        title={r.subjectName}
        description={`Retirement of the ${r.subjectLabel}.`}
        actions={
          <>
            <RetirementStatusBadge status={r.status} />
            {r.subjectHref && <LinkButton href={r.subjectHref}>Open the {r.subjectKind}</LinkButton>}
            {isOpen && canRetire && <CancelRetirementButton retirementId={r.id} subjectLabel={r.subjectLabel} />}
          </>
        }
      />
      <CatalogNav />
      <div className="space-y-6">
        <div className="grid gap-4 sm:grid-cols-4">
          <Stat label="Phase" value={PHASE_LABEL[r.timeline.phase]} hint={`deprecated ${formatUtc(r.deprecatedAt)}`} />
          <Stat
            label="Sunset"
            value={r.sunsetAt.toISOString().slice(0, 10)}
            hint={r.timeline.next ? `next: ${r.timeline.next.label} ${formatUtc(r.timeline.next.at)}` : undefined}
          />
          <Stat
            label="Days quiet"
            value={r.quiet.daysQuiet === null ? "—" : `${r.quiet.daysQuiet} / ${r.quiet.requiredDays}`}
            hint={r.quiet.daysQuiet === null ? "no inbound traffic observed" : "without inbound traffic"}
          />
          <Stat label="Consumers" value={r.consumers.length} hint={`${observed} observed in traffic`} />
        </div>

        <Card title="Why">
          <p className="text-sm text-slate-800">{r.reason}</p>
          {r.replacement && (
            <p className="mt-2 text-sm text-slate-700">
              <span className="font-medium">Replacement:</span> {r.replacement}
            </p>
          )}
          <p className="mt-2 text-xs text-slate-500">Deprecated by {r.createdBy}.</p>
        </Card>

        <Card
          title="Cutover timeline"
          description="From deprecation through the brownouts to the sunset, with now marked."
        >
          <CutoverTimeline timeline={r.timeline} />
        </Card>

        {r.status === "retired" && r.retiredAt && (
          <Notice tone="success" title="Retired">
            Retired {formatUtc(r.retiredAt)} by {r.retiredBy}
            {r.waiver ? (
              <>
                {" "}
                under a waiver:{" "}
                <Link href={`/changes/${r.waiver.id}`} className="font-medium underline">
                  CHG-{r.waiver.number} {r.waiver.title}
                </Link>
              </>
            ) : (
              ` after ${r.quietDays} days without traffic`
            )}
            .
          </Notice>
        )}
        {r.status === "cancelled" && r.cancelledAt && (
          <Notice tone="info" title="Cancelled">
            The retirement was cancelled {formatUtc(r.cancelledAt)}; the {r.subjectKind} stays in service.
          </Notice>
        )}

        {isOpen && (
          <Card
            title="Retire"
            description={`Refused until nothing has called it for ${r.quietDays} days (any environment), unless an approved production change waives it.`}
          >
            <div className="grid gap-6 lg:grid-cols-2">
              <QuietMeter quiet={r.quiet} />
              {canRetire ? (
                <RetirePanel
                  retirementId={r.id}
                  subjectLabel={r.subjectLabel}
                  refusal={r.refusal}
                  effect={effect}
                  waivers={waivers.map((w) => ({
                    id: w.id,
                    label: `CHG-${w.number} ${w.title} (${w.status}, ${w.environmentKey})`,
                  }))}
                />
              ) : (
                <p className="text-sm text-slate-600">Retiring needs the catalog:retire permission.</p>
              )}
            </div>
          </Card>
        )}

        <Card
          title="Consumers"
          description={`Today's consumers, declared apart from observed, with the last call seen. ${r.consumersAtDeprecation} were recorded at deprecation.`}
        >
          <ConsumersTable consumers={r.consumers} caption={`Consumers of ${r.subjectName}`} />
        </Card>

        <div className="grid gap-6 lg:grid-cols-2">
          <Card
            title="Brownout windows"
            description="The engine answers the deprecated input with 503 and Retry-After during each window."
          >
            <BrownoutEditor
              retirementId={r.id}
              isOpen={isOpen && canRetire}
              brownouts={r.timeline.events
                .filter((e) => e.kind === "brownout")
                .map((e) => ({
                  id: e.id!,
                  startsAt: e.at.toISOString(),
                  endsAt: e.endsAt!.toISOString(),
                  state: e.state,
                }))}
            />
          </Card>
          <Card
            title="Notified"
            description="Told at deprecation, and of each later brownout, sunset move and outcome."
          >
            {r.notified.length ? (
              <ul className="space-y-1 text-sm" aria-label="Notified people">
                {r.notified.map((u) => (
                  <li key={u.id} className="text-slate-800">
                    {u.name} <span className="text-slate-500">({u.email})</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600">Nobody was notified.</p>
            )}
            {isOpen && canRetire && (
              <div className="mt-6 border-t border-slate-100 pt-4">
                <SunsetForm retirementId={r.id} sunsetAt={r.sunsetAt.toISOString()} />
              </div>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
