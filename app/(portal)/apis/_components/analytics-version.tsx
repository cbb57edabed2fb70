import Link from "next/link";
import { Card, Stat } from "@/components/ui";
import { consumersOfVersion, getApiCallSeries, topApiConsumers } from "@/lib/services/apis/analytics";
import { loadSyncAsyncAdvice } from "@/lib/services/apis/sync-async";
import { requirePageAccess } from "@/lib/session";
import { apiAnalyticsParams, parseApiAnalyticsFilters, type TApiAnalyticsRange } from "@/lib/validation/api-analytics";
import { ApiCallCharts } from "./analytics-charts";
import { formatCalls, formatMs, formatPct } from "./analytics-format";
import { SyncAsyncAdviceList, TopConsumersList, VersionCallersList } from "./analytics-sections";

/**
 * One version's traffic for its page: totals, calls/errors and latency charts, its busiest
 * consumers, who still calls it (for a deprecated version, who must move) and the sync/async
 * advice per operation. A server component: it loads its own data.
 */
export async function VersionAnalytics({
  apiVersionId,
  range = "7d",
  stillCallingDays = 30,
}: {
  apiVersionId: string;
  range?: TApiAnalyticsRange;
  /** How far back a consumer counts as still calling. */
  stillCallingDays?: number;
}) {
  const actor = await requirePageAccess("api:read");
  const filters = parseApiAnalyticsFilters({ version: apiVersionId, range });
  const [series, top, callers] = await Promise.all([
    getApiCallSeries(actor, filters),
    topApiConsumers(actor, filters, { limit: 5 }),
    consumersOfVersion(actor, apiVersionId, { sinceDays: stillCallingDays }),
  ]);
  const t = series.totals;
  const more = `/apis/analytics?${apiAnalyticsParams(filters).toString()}`;
  return (
    <section aria-label="Traffic" className="space-y-4" data-testid="version-analytics">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-900">
          Traffic, {range === "24h" ? "last 24 hours" : `last ${range.replace("d", " days")}`}
        </h2>
        <Link href={more} className="text-sm text-indigo-700 hover:underline">
          Open in analytics
        </Link>
      </div>
      <div className="grid gap-3 sm:grid-cols-4">
        <Stat label="Calls" value={formatCalls(t.calls)} />
        <Stat
          label="Errors"
          value={formatPct(t.errorPct)}
          hint={`${formatCalls(t.clientErrors)} 4xx · ${formatCalls(t.serverErrors)} 5xx · ${formatCalls(t.rateLimited)} 429`}
        />
        <Stat label="p95" value={formatMs(t.p95Ms)} />
        <Stat label="p99" value={formatMs(t.p99Ms)} />
      </div>
      <ApiCallCharts points={series.points} bucket={series.bucket} idPrefix={`version-${apiVersionId}`} />
      <div className="space-y-4">
        <Card title="Top consumers">
          <TopConsumersList consumers={top} />
        </Card>
        <Card title="Consumers still calling" description={`Identified callers in the last ${stillCallingDays} days.`}>
          <VersionCallersList callers={callers} sinceDays={stillCallingDays} />
        </Card>
      </div>
    </section>
  );
}

/** The sync/async advice for each operation of one version (7 days of latency, the consumers' tolerances). */
export async function VersionSyncAsyncAdvice({ apiVersionId }: { apiVersionId: string }) {
  const actor = await requirePageAccess("api:read");
  const advice = await loadSyncAsyncAdvice(actor, apiVersionId);
  return (
    <Card
      title="Sync or async"
      description="Measured p95/p99 over the last 7 days against each consumer's declared latency tolerance and the version's sync timeout (past which the gateway answers 202)."
    >
      <SyncAsyncAdviceList advice={advice} />
    </Card>
  );
}
