import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, LinkButton, Notice, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { getCandidateOrThrow } from "@/lib/services/prioritization/candidates";
import type { RoiFigure } from "@/lib/services/prioritization/roi";
import { orNotFound } from "@/lib/http/not-found";
import { formatFigure, STATUS_TONES } from "../_components/format";
import { StatusControl } from "../_components/status-control";

export const metadata: Metadata = { title: "Candidate" };

function Figure({ f }: { f: RoiFigure }) {
  return (
    <div className="rounded-md border border-slate-200 p-4" data-testid={`roi-${f.key}`}>
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{f.label}</p>
      <p className="mt-1 text-xl font-semibold text-slate-900">{formatFigure(f)}</p>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-indigo-700">How this is computed</summary>
        <p className="mt-2 font-mono text-xs text-slate-700">{f.formula}</p>
        <ol className="mt-1 list-decimal space-y-0.5 pl-5 font-mono text-xs text-slate-600">
          {f.steps.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ol>
      </details>
    </div>
  );
}

export default async function CandidatePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageAccess("candidate:read");
  const { id } = await params;
  const c = await orNotFound(getCandidateOrThrow(actor, id));
  const canEdit = can(actor.role, "candidate:edit");
  const open = c.breaches.filter((b) => !b.isResolved);
  const r = c.roi;
  return (
    <>
      <PageHeader
        title={c.name}
        description={c.description || undefined}
        actions={
          <>
            <Link href="/candidates" className="text-sm text-indigo-700 hover:underline">
              ← All candidates
            </Link>
            {canEdit && c.status !== "approved" && <LinkButton href={`/candidates/${c.id}/edit`}>Edit</LinkButton>}
          </>
        }
      />
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <Badge tone={STATUS_TONES[c.status]}>{c.status}</Badge>
        <span className="text-sm text-slate-600">
          {c.department ?? "No carrying department"} · {c.effortFte} FTE per wave
        </span>
        <StatusControl
          candidateId={c.id}
          status={c.status}
          canEdit={canEdit}
          canApprove={can(actor.role, "candidate:approve")}
        />
      </div>
      {open.length > 0 && (
        <div className="mb-6">
          <Notice tone="warning" title="Governance: architecture review required before approval">
            <ul className="list-disc pl-5">
              {open.map((b) => (
                <li key={`${b.processId}-${b.ruleId}`}>{b.message}</li>
              ))}
            </ul>
            <Link href="/governance" className="mt-1 inline-block underline">
              Record a review
            </Link>
          </Notice>
        </div>
      )}
      <div className="space-y-6">
        <Card
          title="ROI model"
          description={
            c.derived
              ? "Volume, manual minutes and error rate come from the linked processes in the inventory."
              : "All inputs as entered on this candidate."
          }
        >
          {c.derived && (
            <ul
              className="mb-4 list-disc space-y-0.5 pl-5 font-mono text-xs text-slate-600"
              aria-label="Inputs derived from the inventory"
            >
              {c.derived.steps.map((s, i) => (
                <li key={i}>{s}</li>
              ))}
            </ul>
          )}
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {[
              r.annualHoursSaved,
              r.laborSavings,
              r.errorCostReduction,
              r.annualBenefit,
              r.annualNetBenefit,
              r.firstYearNet,
              r.paybackMonths,
              r.npv,
            ].map((f) => (
              <Figure key={f.key} f={f} />
            ))}
          </div>
          <h3 className="mt-6 mb-2 text-sm font-semibold text-slate-900">Throughput</h3>
          <div className="grid gap-3 sm:grid-cols-3">
            {[r.throughputBefore, r.throughputAfter, r.throughputImprovement].map((f) => (
              <Figure key={f.key} f={f} />
            ))}
          </div>
        </Card>
        <div className="grid gap-6 md:grid-cols-3">
          <Card title="Processes">
            {c.processes.length === 0 ? (
              <p className="text-sm text-slate-500">None linked.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {c.processes.map((p) => (
                  <li key={p.id}>
                    <Link className="text-indigo-700 hover:underline" href={`/inventory/processes/${p.id}`}>
                      {p.name}
                    </Link>{" "}
                    <span className="text-slate-500">· {p.department}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Interfaces">
            {c.interfaces.length === 0 ? (
              <p className="text-sm text-slate-500">None linked.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {c.interfaces.map((i) => (
                  <li key={i.id}>
                    {i.name}{" "}
                    <span className="text-slate-500">
                      · {i.source} → {i.target} ({i.mechanism})
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Dependencies">
            <p className="text-xs font-medium uppercase text-slate-500">Depends on</p>
            <ul className="mb-3 space-y-1 text-sm">
              {c.dependsOn.length === 0 ? <li className="text-slate-500">Nothing</li> : null}
              {c.dependsOn.map((d) => (
                <li key={d.id}>
                  <Link className="text-indigo-700 hover:underline" href={`/candidates/${d.id}`}>
                    {d.name}
                  </Link>{" "}
                  <Badge tone={STATUS_TONES[d.status]}>{d.status}</Badge>
                </li>
              ))}
            </ul>
            <p className="text-xs font-medium uppercase text-slate-500">Required by</p>
            <ul className="space-y-1 text-sm">
              {c.requiredBy.length === 0 ? <li className="text-slate-500">Nothing</li> : null}
              {c.requiredBy.map((d) => (
                <li key={d.id}>
                  <Link className="text-indigo-700 hover:underline" href={`/candidates/${d.id}`}>
                    {d.name}
                  </Link>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      </div>
    </>
  );
}
