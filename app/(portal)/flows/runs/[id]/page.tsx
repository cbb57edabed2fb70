import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { getMessageJourney } from "@/lib/services/runs";
import { orNotFound } from "@/lib/http/not-found";
import { RunsList } from "../../_components/runs-list";
import { StateBadge } from "../../_components/state-badge";

export const metadata: Metadata = { title: "Message journey" };

function Hash({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <dt className="text-xs uppercase text-slate-500">{label}</dt>
      <dd className="break-all font-mono text-xs">{value ?? "—"}</dd>
    </div>
  );
}

/** Below `full`, a run is kept because it failed (or was replayed) or because its message was sampled in. */
function lineageNote(level: "full" | "sampled" | "errors", status: string): string {
  if (level === "full") return "full: every run of this flow is kept";
  const ok = status === "succeeded" || status === "filtered";
  const kept = !ok
    ? `it ${status.replace("_", " ")}`
    : level === "sampled"
      ? "its message was in the sample (or it was a replay or resubmission)"
      : "it was a replay or resubmission";
  return `${level}: only some runs are kept; this one because ${kept}. Related runs of other messages may be missing.`;
}

export default async function JourneyPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageAccess("flow:read");
  const { id } = await params;
  const run = await orNotFound(getMessageJourney(actor, id));
  const total = Math.max(run.durationMs ?? 0, ...run.steps.map((s) => s.offsetMs + s.durationMs), 1);
  return (
    <>
      <PageHeader
        title="Message journey"
        description={`${run.flowName} v${run.version} in ${run.environmentKey} · message ${run.messageId}`}
      />
      <div className="space-y-6">
        <Card title="Run" actions={<StateBadge state={run.status} />}>
          <dl className="grid gap-3 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-xs uppercase text-slate-500">Flow</dt>
              <dd>
                <Link href={`/flows/${run.flowId}`} className="text-indigo-700 hover:underline">
                  {run.flowName}
                </Link>{" "}
                v{run.version}
              </dd>
            </div>
            <div>
              <dt className="text-xs uppercase text-slate-500">Started / duration</dt>
              <dd>
                {new Date(run.startedAt).toLocaleString()} ·{" "}
                {run.durationMs == null ? "running" : `${run.durationMs} ms`} · attempt {run.attempt}
              </dd>
            </div>
            <div>
              <dt className="text-xs uppercase text-slate-500">Correlation id</dt>
              <dd className="font-mono text-xs">{run.correlationId}</dd>
            </div>
            <Hash label="Input hash" value={run.inputHash} />
            <Hash label="Output hash" value={run.outputHash} />
            <Hash label="Flow version hash" value={run.contentHash} />
            <div>
              <dt className="text-xs uppercase text-slate-500">Lineage level</dt>
              <dd data-testid="lineage-level">{lineageNote(run.lineageLevel, run.status)}</dd>
            </div>
          </dl>
          {run.error && <p className="mt-3 text-sm font-medium text-red-700">{run.error}</p>}
          {run.deadLetterId && (
            <p className="mt-2 text-sm">
              <Link href={`/flows/dlq/${run.deadLetterId}`} className="text-indigo-700 hover:underline">
                Open the dead letter
              </Link>
            </p>
          )}
        </Card>
        <Card title="Steps" description="In order, with each step's start offset and duration.">
          {run.steps.length ? (
            <ol className="space-y-3" data-testid="journey-steps">
              {run.steps.map((s) => (
                <li key={s.seq} className="rounded-md border border-slate-200 p-3">
                  <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
                    <span>
                      <span className="font-medium">
                        {s.seq + 1}. {s.step}
                      </span>{" "}
                      <span className="text-slate-500">({s.component || "step"})</span>
                    </span>
                    <span className="flex items-center gap-2 text-xs text-slate-600">
                      +{s.offsetMs} ms · {s.durationMs} ms{s.attempts > 1 ? ` · ${s.attempts} attempts` : ""}{" "}
                      <StateBadge state={s.status} />
                    </span>
                  </div>
                  <div className="mt-2 h-2 rounded bg-slate-100" aria-hidden>
                    <div
                      className={
                        s.status === "failed"
                          ? "h-2 rounded bg-red-500"
                          : s.status === "filtered"
                            ? "h-2 rounded bg-slate-400"
                            : "h-2 rounded bg-emerald-500"
                      }
                      style={{
                        marginLeft: `${(s.offsetMs / total) * 100}%`,
                        width: `${Math.max((s.durationMs / total) * 100, 1)}%`,
                      }}
                    />
                  </div>
                  {s.error && <p className="mt-2 text-xs text-red-700">{s.error}</p>}
                </li>
              ))}
            </ol>
          ) : (
            <p className="text-sm text-slate-500">No steps recorded for this run.</p>
          )}
        </Card>
        {(run.inputPayload !== null || run.outputPayload !== null) && (
          <div className="grid gap-4 lg:grid-cols-2">
            <Card title="Input payload">
              <pre className="max-h-80 overflow-auto rounded bg-slate-50 p-3 text-xs">
                {run.inputPayload ?? "Not kept (retention setting)."}
              </pre>
            </Card>
            <Card title="Output payload">
              <pre className="max-h-80 overflow-auto rounded bg-slate-50 p-3 text-xs">
                {run.outputPayload ?? "Not kept (retention setting)."}
              </pre>
            </Card>
          </div>
        )}
        {run.related.length > 0 && (
          <Card
            title="Related runs"
            description="Retries, replays and split parts of the same message or correlation id."
          >
            <RunsList runs={run.related} />
            {run.relatedTotal > run.related.length && (
              <p className="mt-2 text-sm text-slate-600">
                Showing the first {run.related.length} of {run.relatedTotal.toLocaleString("en-US")} related runs.{" "}
                <Link
                  href={`/flows/runs?q=${encodeURIComponent(run.correlationId)}`}
                  className="text-indigo-700 hover:underline"
                >
                  All runs of this correlation id
                </Link>
              </p>
            )}
          </Card>
        )}
      </div>
    </>
  );
}
