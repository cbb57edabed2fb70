import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { getDeadLetterOrThrow } from "@/lib/services/runs";
import { orNotFound } from "@/lib/http/not-found";
import { StateBadge } from "../../_components/state-badge";
import { DeadLetterActions } from "../_components/dead-letter-actions";

export const metadata: Metadata = { title: "Dead letter" };

function pretty(body: string, contentType: string): string {
  if (!contentType.includes("json")) return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export default async function DeadLetterPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageAccess("flow:read");
  const { id } = await params;
  const d = await orNotFound(getDeadLetterOrThrow(actor, id));
  const body = pretty(d.originalBody, d.contentType);
  return (
    <>
      <PageHeader
        title={`Dead letter ${d.messageId.slice(0, 18)}`}
        description={`${d.flowName} v${d.version} in ${d.environmentKey}, failed at step “${d.failedStep}”.`}
      />
      <div className="space-y-6">
        <Card title="Failure" actions={<StateBadge state={d.status} />}>
          <dl className="grid gap-3 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-xs uppercase text-slate-500">Error ({d.errorKind})</dt>
              <dd className="font-medium text-red-700" data-testid="dlq-error">
                {d.error}
              </dd>
            </div>
            <div>
              <dt className="text-xs uppercase text-slate-500">Flow</dt>
              <dd>
                <Link href={`/flows/${d.flowId}`} className="text-indigo-700 hover:underline">
                  {d.flowName}
                </Link>{" "}
                v{d.version}
              </dd>
            </div>
            <div>
              <dt className="text-xs uppercase text-slate-500">Message / correlation id</dt>
              <dd className="font-mono text-xs">
                {d.messageId}
                <br />
                {d.correlationId}
              </dd>
            </div>
            <div>
              <dt className="text-xs uppercase text-slate-500">Journey</dt>
              <dd>
                {d.runId ? (
                  <Link href={`/flows/runs/${d.runId}`} className="text-indigo-700 hover:underline">
                    Show the message journey
                  </Link>
                ) : (
                  "—"
                )}
              </dd>
            </div>
            {d.replayRequestedAt && (
              <div>
                <dt className="text-xs uppercase text-slate-500">Replay</dt>
                <dd>
                  Requested by {d.replayRequestedBy} at {new Date(d.replayRequestedAt).toLocaleString()}
                  {d.replayVersion ? ` to v${d.replayVersion}` : ""}
                  {d.replayBody !== null ? " with an edited payload" : ""}
                  {d.replayedAt ? `; replayed ${new Date(d.replayedAt).toLocaleString()}` : ""}
                  {d.replayError && <span className="block text-red-600">{d.replayError}</span>}
                </dd>
              </div>
            )}
            {d.discardedAt && (
              <div>
                <dt className="text-xs uppercase text-slate-500">Discarded</dt>
                <dd>
                  by {d.discardedBy} at {new Date(d.discardedAt).toLocaleString()}
                </dd>
              </div>
            )}
          </dl>
          {d.status === "pending" && can(actor.role, "dlq:replay") && (
            <div className="mt-4 border-t border-slate-200 pt-4">
              <DeadLetterActions
                id={d.id}
                body={d.originalBody}
                targets={d.replayTargets}
                currentVersion={d.version}
                isPayloadMasked={d.isPayloadMasked}
              />
            </div>
          )}
        </Card>
        <Card title="Attempt history">
          {d.attemptHistory.length ? (
            <ol className="space-y-2 text-sm">
              {d.attemptHistory.map((a, i) => (
                <li key={i} className="rounded border border-slate-200 px-3 py-2">
                  <span className="font-medium">Attempt {a.attempt ?? i + 1}</span>
                  {a.at && <span className="text-slate-500"> · {new Date(a.at).toLocaleString()}</span>}
                  {a.step && <span className="text-slate-500"> · {a.step}</span>}
                  {a.durationMs !== undefined && <span className="text-slate-500"> · {a.durationMs} ms</span>}
                  {a.error && <p className="text-red-700">{a.error}</p>}
                </li>
              ))}
            </ol>
          ) : (
            <p className="text-sm text-slate-500">No attempts recorded (a permanent error skips retries).</p>
          )}
        </Card>
        <Card
          title="Original payload"
          description={`${d.contentType}${d.contentEncoding !== "utf8" ? `, ${d.contentEncoding}` : ""}`}
        >
          <pre className="max-h-96 overflow-auto rounded bg-slate-50 p-3 text-xs" data-testid="dlq-body">
            {body}
          </pre>
        </Card>
      </div>
    </>
  );
}
