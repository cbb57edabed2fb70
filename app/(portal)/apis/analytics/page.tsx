import type { Metadata } from "next";
import { Card, EmptyState, LinkButton, PageHeader, Stat } from "@/components/ui";
import {
  deprecatedVersionCallers,
  findDeprecationCandidates,
  findUnderusedEndpoints,
  getApiAnalyticsOptions,
  getApiCallSeries,
  listApiOperationStats,
  pageOperationStats,
  topApiConsumers,
} from "@/lib/services/apis/analytics";
import { loadSyncAsyncAdvice, type TSyncAsyncAdvice } from "@/lib/services/apis/sync-async";
import { requirePageAccess } from "@/lib/session";
import { API_ANALYTICS_RANGE_LABELS, parseApiAnalyticsFilters } from "@/lib/validation/api-analytics";
import { parseListQuery } from "@/lib/validation/list";
import { ApiCallCharts } from "../_components/analytics-charts";
import { AnalyticsFilters } from "../_components/analytics-filters";
import { formatCalls, formatMs, formatPct } from "../_components/analytics-format";
import { ApiOperationsTable, type TOperationRow } from "../_components/analytics-operations-table";
import {
  DeprecatedCallersSection,
  DeprecationCandidatesList,
  TopConsumersList,
  UnderusedEndpointsList,
} from "../_components/analytics-sections";

export const metadata: Metadata = { title: "API analytics" };

const STILL_CALLING_DAYS = 30;

/** Calls, errors and latency from the gateway's per-minute rollups, by API, version, operation and consumer. */
export default async function ApiAnalyticsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("api:read");
  const params = await searchParams;
  const filters = parseApiAnalyticsFilters(params);
  const query = parseListQuery(params);
  const now = new Date();
  const options = await getApiAnalyticsOptions(actor);

  if (!options.products.length)
    return (
      <>
        <PageHeader title="API analytics" />
        <EmptyState
          title="No APIs yet"
          description="Analytics appear once an API version is published and the gateway answers calls to it."
          action={<LinkButton href="/apis/new">New API</LinkButton>}
        />
      </>
    );

  const [series, operations, consumers, underused, candidates, deprecated] = await Promise.all([
    getApiCallSeries(actor, filters, now),
    listApiOperationStats(actor, filters, now),
    topApiConsumers(actor, filters, { limit: 10 }, now),
    findUnderusedEndpoints(actor, filters, now),
    findDeprecationCandidates(actor, filters, now),
    deprecatedVersionCallers(actor, filters, { sinceDays: STILL_CALLING_DAYS }, now),
  ]);

  // Advice for the versions on the shown page of the table only: one loader call per version.
  const page = pageOperationStats(operations, query);
  const versionIds = [...new Set(page.rows.map((r) => r.apiVersionId))].filter((id) =>
    options.versions.some((v) => v.id === id),
  );
  const adviceByVersion = new Map<string, TSyncAsyncAdvice[]>(
    await Promise.all(versionIds.map(async (id) => [id, await loadSyncAsyncAdvice(actor, id, now)] as const)),
  );
  const result = {
    ...page,
    rows: page.rows.map((r): TOperationRow => {
      const a = adviceByVersion.get(r.apiVersionId)?.find((x) => x.operation === r.operation);
      return {
        ...r,
        advice: a ? { recommendation: a.recommendation, reason: a.reason, isMeasured: a.isMeasured } : null,
      };
    }),
  };

  const t = series.totals;
  const rangeLabel = API_ANALYTICS_RANGE_LABELS[filters.range].toLowerCase();
  return (
    <>
      <PageHeader
        title="API analytics"
        description="Calls, errors and latency the API gateway measured, per API, version, operation and consumer (added up per minute, shown per hour or day in UTC). Underused endpoints and deprecation candidates point at what can go."
      />
      <AnalyticsFilters
        filters={filters}
        products={options.products.map((p) => ({ value: p.key, label: p.name }))}
        versions={options.versions.map((v) => ({
          value: v.id,
          label: `${v.key}${v.lifecycle === "published" ? "" : ` (${v.lifecycle})`}`,
          productKey: v.productKey,
        }))}
        environments={options.environments.map((e) => ({ value: e.key, label: e.name }))}
        consumers={options.consumers.map((c) => ({ value: c.id, label: c.name }))}
      />
      <div className="space-y-6">
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5" aria-label={`Totals, ${rangeLabel}`}>
          <Stat label="Calls" value={formatCalls(t.calls)} hint={API_ANALYTICS_RANGE_LABELS[filters.range]} />
          <Stat
            label="Error rate"
            value={formatPct(t.errorPct)}
            hint={`${formatCalls(t.clientErrors)} 4xx · ${formatCalls(t.serverErrors)} 5xx · ${formatCalls(t.rateLimited)} 429`}
          />
          <Stat label="p50" value={formatMs(t.p50Ms)} />
          <Stat label="p95" value={formatMs(t.p95Ms)} />
          <Stat label="p99" value={formatMs(t.p99Ms)} />
        </div>

        <ApiCallCharts points={series.points} bucket={series.bucket} />

        <Card
          title="Operations"
          description={`Per operation, ${rangeLabel}. The sync/async advice compares the last 7 days' p95/p99 with the consumers' declared tolerance and the version's sync timeout; hover a badge for the numbers.`}
        >
          <ApiOperationsTable
            result={result}
            query={query}
            emptyMessage={
              t.calls === 0 ? "The gateway answered no calls in this range for these filters." : "No operation matches."
            }
          />
        </Card>

        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Top consumers" description={`Busiest callers, ${rangeLabel}.`}>
            <TopConsumersList consumers={consumers} />
          </Card>
          <Card
            title="Still calling a deprecated version"
            description={`Identified consumers seen in the last ${STILL_CALLING_DAYS} days: tell them before the sunset.`}
          >
            <DeprecatedCallersSection versions={deprecated} sinceDays={STILL_CALLING_DAYS} />
          </Card>
        </div>

        <Card
          title="Underused endpoints"
          description={`Operations of the deployed revisions in ${underused.environmentKey ?? "the chosen environment"} with no calls in the last ${underused.idleDays} days (change the days above; the consumer filter does not apply).`}
        >
          <UnderusedEndpointsList
            endpoints={underused.endpoints}
            idleDays={underused.idleDays}
            environmentKey={underused.environmentKey}
          />
        </Card>

        <Card
          title="Deprecation candidates"
          description="Published versions and operations whose traffic moved to a newer major, stayed low after 30 days, or fell by half week over week."
        >
          <DeprecationCandidatesList candidates={candidates} />
        </Card>
      </div>
    </>
  );
}
