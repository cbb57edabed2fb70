import Link from "next/link";
import { Badge, EmptyState } from "@/components/ui";
import type {
  TApiConsumerStat,
  TDeprecationCandidate,
  TUnderusedEndpoint,
  TVersionCaller,
} from "@/lib/services/apis/analytics";
import type { TSyncAsyncAdvice } from "@/lib/services/apis/sync-async";
import { formatCalls, formatMs, formatPct, formatUtc, versionHref } from "./analytics-format";
import { SyncAsyncBadge } from "./analytics-operations-table";
import { PlainTable } from "./plain-table";

// Read-only analytics sections: each takes what a service returned and renders it, with its own
// empty state. Used by /apis/analytics and by a version's page.

const cell = "px-3 py-2 align-top";
const num = `${cell} text-right tabular-nums`;

export function TopConsumersList({ consumers }: { consumers: TApiConsumerStat[] }) {
  if (!consumers.length) return <p className="text-sm text-slate-500">No calls in this range.</p>;
  return (
    <div className="overflow-x-auto">
      <PlainTable
        caption="Top consumers"
        columns={[
          { label: "Consumer" },
          { label: "Calls", className: "text-right" },
          { label: "Error %", className: "text-right" },
          { label: "p95", className: "text-right" },
          { label: "Last call" },
        ]}
      >
        {consumers.map((c) => (
          <tr key={c.consumerId || "(anonymous)"}>
            <td className={cell}>
              {c.consumerId ? (
                <Link href={`/apis/consumers/${c.consumerId}`} className="font-medium text-indigo-700 hover:underline">
                  {c.name}
                </Link>
              ) : (
                <span
                  className="text-slate-600"
                  title="Calls refused before a consumer was identified (bad or missing key)"
                >
                  {c.name}
                </span>
              )}
              {c.systemName && <span className="ml-2 text-xs text-slate-500">{c.systemName}</span>}
            </td>
            <td className={num}>{formatCalls(c.calls)}</td>
            <td className={num}>{formatPct(c.errorPct)}</td>
            <td className={num}>{formatMs(c.p95Ms)}</td>
            <td className={`${cell} whitespace-nowrap`}>{formatUtc(c.lastCallAt)}</td>
          </tr>
        ))}
      </PlainTable>
    </div>
  );
}

/** The consumers still calling a (deprecated) version: who to tell before it is retired. */
export function VersionCallersList({
  callers,
  sinceDays,
  caption = "Consumers still calling",
}: {
  callers: TVersionCaller[];
  sinceDays: number;
  caption?: string;
}) {
  if (!callers.length)
    return <p className="text-sm text-slate-500">No identified consumer called it in the last {sinceDays} days.</p>;
  return (
    <div className="overflow-x-auto">
      <PlainTable
        caption={caption}
        columns={[
          { label: "Consumer" },
          { label: "System" },
          { label: "Last call" },
          { label: "Calls, last 7 days", className: "text-right" },
          { label: `Calls, last ${sinceDays} days`, className: "text-right" },
          { label: "Environments" },
        ]}
      >
        {callers.map((c) => (
          <tr key={c.consumerId} data-testid="still-calling-consumer">
            <td className={cell}>
              <Link href={`/apis/consumers/${c.consumerId}`} className="font-medium text-indigo-700 hover:underline">
                {c.name}
              </Link>
              {c.contactEmail && <span className="block text-xs text-slate-500">{c.contactEmail}</span>}
            </td>
            <td className={cell}>
              {c.systemId ? (
                <Link href={`/catalog/system/${c.systemId}`} className="text-indigo-700 hover:underline">
                  {c.systemName}
                </Link>
              ) : (
                <span className="text-slate-500">—</span>
              )}
            </td>
            <td className={`${cell} whitespace-nowrap`}>{formatUtc(c.lastCallAt)}</td>
            <td className={num}>{formatCalls(c.callsLast7d)}</td>
            <td className={num}>{formatCalls(c.calls)}</td>
            <td className={cell}>{c.environments.join(", ")}</td>
          </tr>
        ))}
      </PlainTable>
    </div>
  );
}

export function DeprecatedCallersSection({
  versions,
  sinceDays,
}: {
  versions: { apiVersionId: string; versionKey: string; sunsetAt: string | null; callers: TVersionCaller[] }[];
  sinceDays: number;
}) {
  if (!versions.length)
    return (
      <p className="text-sm text-slate-500">No consumer called a deprecated version in the last {sinceDays} days.</p>
    );
  return (
    <div className="space-y-5">
      {versions.map((v) => (
        <div key={v.apiVersionId}>
          <h3 className="mb-2 flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
            <Link href={versionHref(v.versionKey)} className="text-indigo-700 hover:underline">
              {v.versionKey}
            </Link>
            <Badge tone="warning">Deprecated</Badge>
            {v.sunsetAt && <span className="text-xs font-normal text-slate-500">sunset {v.sunsetAt.slice(0, 10)}</span>}
          </h3>
          <VersionCallersList
            callers={v.callers}
            sinceDays={sinceDays}
            caption={`Consumers still calling ${v.versionKey}`}
          />
        </div>
      ))}
    </div>
  );
}

export function UnderusedEndpointsList({
  endpoints,
  idleDays,
  environmentKey,
}: {
  endpoints: TUnderusedEndpoint[];
  idleDays: number;
  environmentKey: string | null;
}) {
  if (!environmentKey) return <p className="text-sm text-slate-500">That environment does not exist.</p>;
  if (!endpoints.length)
    return (
      <p className="text-sm text-slate-500">
        Every operation deployed in {environmentKey} was called in the last {idleDays} days.
      </p>
    );
  return (
    <div className="overflow-x-auto">
      <PlainTable
        caption={`Operations with no calls in ${idleDays} days`}
        columns={[{ label: "Operation" }, { label: "Version" }, { label: "Last call" }, { label: "Deployed" }]}
      >
        {endpoints.map((e) => (
          <tr key={e.id} data-testid="underused-endpoint">
            <td className={cell}>
              <code className="font-mono text-xs text-slate-800">{e.operation}</code>
              {e.isDeprecatedInSpec && (
                <span className="ml-2">
                  <Badge tone="warning">Deprecated in spec</Badge>
                </span>
              )}
              {e.summary && e.summary !== e.operation && (
                <span className="block text-xs text-slate-500">{e.summary}</span>
              )}
            </td>
            <td className={cell}>
              <Link href={versionHref(e.versionKey)} className="text-indigo-700 hover:underline">
                {e.versionKey}
              </Link>
            </td>
            <td className={cell}>{e.lastCallAt ? formatUtc(e.lastCallAt) : "Never (in the kept history)"}</td>
            <td className={`${cell} whitespace-nowrap`}>{formatUtc(e.deployedAt)}</td>
          </tr>
        ))}
      </PlainTable>
    </div>
  );
}

const RULE_LABEL: Record<TDeprecationCandidate["rules"][number], string> = {
  superseded: "Superseded",
  "low-traffic": "Low traffic",
  falling: "Falling",
};

export function DeprecationCandidatesList({ candidates }: { candidates: TDeprecationCandidate[] }) {
  if (!candidates.length)
    return (
      <p className="text-sm text-slate-500">
        No published version or operation has low, falling or moved-away traffic.
      </p>
    );
  return (
    <ul className="divide-y divide-slate-100" aria-label="Deprecation candidates">
      {candidates.map((c) => (
        <li key={c.id} className="py-3 text-sm" data-testid="deprecation-candidate">
          <div className="flex flex-wrap items-center gap-2">
            <Link href={versionHref(c.versionKey)} className="font-medium text-indigo-700 hover:underline">
              {c.versionKey}
            </Link>
            {c.operation && <code className="font-mono text-xs text-slate-800">{c.operation}</code>}
            {c.rules.map((r) => (
              <Badge key={r} tone={r === "superseded" ? "info" : "warning"}>
                {RULE_LABEL[r]}
              </Badge>
            ))}
            <span className="ml-auto text-xs text-slate-500 tabular-nums">
              {formatCalls(c.calls7d)} calls in 7 d · {formatCalls(c.calls30d)} in 30 d
            </span>
          </div>
          <ul className="mt-1 list-disc pl-5 text-slate-600">
            {c.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/** Sync or async per operation of one version, with the numbers behind each answer. */
export function SyncAsyncAdviceList({ advice }: { advice: TSyncAsyncAdvice[] }) {
  if (!advice.length)
    return <EmptyState title="No operations" description="This version's document lists no operations yet." />;
  return (
    <div className="overflow-x-auto">
      <PlainTable
        caption="Sync or async per operation"
        columns={[
          { label: "Operation" },
          { label: "Advice" },
          { label: "p95 / p99 (7 d)", className: "text-right" },
          { label: "Budget", className: "text-right" },
          { label: "Why" },
        ]}
      >
        {advice.map((a) => (
          <tr key={a.operation} data-testid="sync-async-advice">
            <td className={cell}>
              <code className="font-mono text-xs text-slate-800">{a.operation}</code>
              <span className="block text-xs text-slate-500">{formatCalls(a.calls)} calls</span>
            </td>
            <td className={cell}>
              <SyncAsyncBadge recommendation={a.recommendation} reason={a.reason} isMeasured={a.isMeasured} />
            </td>
            <td className={num}>
              {formatMs(a.p95Ms)} / {formatMs(a.p99Ms)}
            </td>
            <td className={num}>
              {formatMs(a.budgetMs)}
              <span className="block text-xs text-slate-500">
                {a.constrainedBy ? `${a.constrainedBy}'s tolerance` : "sync timeout"}
              </span>
            </td>
            <td className={`${cell} max-w-md text-slate-600`}>
              {a.reason}
              {a.isMeasured && a.consumers.some((c) => c.recommendation !== a.recommendation) && (
                <ul className="mt-1 text-xs text-slate-500">
                  {a.consumers.map((c) => (
                    <li key={c.consumerId}>
                      {c.name}: {c.recommendation} (budget {formatMs(c.budgetMs)})
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </PlainTable>
    </div>
  );
}
