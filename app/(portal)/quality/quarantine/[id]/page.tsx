import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/http/not-found";
import { getQuarantineEntryOrThrow } from "@/lib/services/quality/quarantine";
import { requirePageAccess } from "@/lib/session";
import { EntryActions } from "../_components/entry-actions";
import { RecordView } from "../_components/record-view";
import { QuarantineStatusBadge } from "../_components/status-badge";

export const metadata: Metadata = { title: "Quarantined record" };

const when = (at: string | null) => (at ? new Date(at).toLocaleString() : "");

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs uppercase text-slate-500">{label}</dt>
      <dd className="break-all">{children}</dd>
    </div>
  );
}

export default async function QuarantineEntryPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageAccess("quality:read");
  const { id } = await params;
  const e = await orNotFound(getQuarantineEntryOrThrow(actor, id));
  return (
    <>
      <PageHeader
        title={`Quarantined record ${e.recordIndex > 0 ? `#${e.recordIndex} ` : ""}of message ${e.messageId.slice(0, 18)}`}
        description={`${e.flowName}${e.version ? ` v${e.version}` : ""} in ${e.environmentKey}, stopped at step “${e.stepId}” by rule set ${e.ruleSetKey}.`}
      />
      <div className="space-y-6">
        <Card title="What failed" actions={<QuarantineStatusBadge status={e.status} />}>
          <table className="w-full text-left text-sm" data-testid="violations">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1 pr-3">Rule</th>
                <th className="py-1 pr-3">Field</th>
                <th className="py-1 pr-3">Value</th>
                <th className="py-1">Message</th>
              </tr>
            </thead>
            <tbody>
              {e.violations.map((v, i) => (
                <tr key={i} className="border-t border-slate-100">
                  <td className="py-1 pr-3 font-mono text-xs">{v.ruleId}</td>
                  <td className="py-1 pr-3 font-mono text-xs">{v.field}</td>
                  <td className="py-1 pr-3 font-mono text-xs text-red-700">{JSON.stringify(v.value) ?? "(missing)"}</td>
                  <td className="py-1">{v.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="mt-4 grid gap-3 text-sm sm:grid-cols-2">
            <Item label="Lineage">
              {e.runId ? (
                <Link href={`/flows/runs/${e.runId}`} className="text-indigo-700 hover:underline">
                  Show the message journey
                </Link>
              ) : (
                `input message ${e.inputId} (its run has passed lineage retention)`
              )}
            </Item>
            <Item label="Correlation id">
              <span className="font-mono text-xs">{e.correlationId}</span>
            </Item>
            {e.fixedAt && (
              <Item label="Fixed">
                by {e.fixedBy} at {when(e.fixedAt)}
              </Item>
            )}
            {e.resubmitRequestedAt && (
              <Item label="Resubmission">
                requested by {e.resubmitRequestedBy} at {when(e.resubmitRequestedAt)}
                {e.resubmittedAt ? `; sent ${when(e.resubmittedAt)}` : "; waiting for the engine"}
                {e.resubmitRunId && (
                  <>
                    {" "}
                    (
                    <Link href={`/flows/runs/${e.resubmitRunId}`} className="text-indigo-700 hover:underline">
                      its journey
                    </Link>
                    )
                  </>
                )}
                {e.resubmitError && <span className="block text-red-600">{e.resubmitError}</span>}
              </Item>
            )}
            {e.rejectedAt && (
              <Item label="Rejected">
                by {e.rejectedBy} at {when(e.rejectedAt)}: {e.rejectReason}
              </Item>
            )}
          </dl>
        </Card>
        <Card title="Record" description="The fields that failed are marked.">
          <RecordView record={e.fixedRecord ?? e.record} violations={e.violations} />
          {e.fixedRecord !== null && <p className="mt-2 text-xs text-slate-500">Showing the saved fix.</p>}
          {e.isRecordMasked && (
            <p className="mt-2 text-xs text-slate-500">
              Classified fields are masked: you may not view sensitive data.
            </p>
          )}
        </Card>
        {e.status === "pending" && can(actor.role, "quality:review") && (
          <Card title="Fix, resubmit or reject">
            <EntryActions id={e.id} record={e.fixedRecord ?? e.record} isRecordMasked={e.isRecordMasked} />
          </Card>
        )}
        <Card title="History" description="Every review action on this record, from the audit log.">
          {e.history.length ? (
            <ol className="space-y-1 text-sm" data-testid="quarantine-history">
              {e.history.map((h, i) => (
                <li key={i}>
                  <span className="text-slate-500">{when(h.at)}</span> · {h.actorEmail} · <strong>{h.action}</strong>
                </li>
              ))}
            </ol>
          ) : (
            <p className="text-sm text-slate-500">No review actions yet.</p>
          )}
        </Card>
      </div>
    </>
  );
}
