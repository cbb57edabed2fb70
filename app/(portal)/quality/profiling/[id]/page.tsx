import type { Metadata } from "next";
import { Badge, Card, LinkButton, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/http/not-found";
import {
  getProfileDefinition,
  listProfileAnomalies,
  listProfileRuns,
  profileTrend,
} from "@/lib/services/quality/profiling";
import { requirePageAccess } from "@/lib/session";
import { parseListQuery } from "@/lib/validation/list";
import { AnomaliesTable } from "../_components/anomalies-table";
import { ColumnsTable } from "../_components/columns-table";
import { DeleteProfile } from "../_components/delete-profile";
import { RunPanel } from "../_components/run-panel";
import { RunsTable } from "../_components/runs-table";
import { TrendCharts } from "../_components/trend-charts";
import { formatCount, formatRate, formatWhen, TARGET_KINDS } from "../_lib/present";

export const metadata: Metadata = { title: "Profile" };

const RUNS_PAGE_SIZE = 10;

export default async function ProfilePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("quality:read");
  const { id } = await params;
  const sp = await searchParams;
  const query = parseListQuery(sp);
  const runsPage = Math.max(1, Number.parseInt(typeof sp.runs === "string" ? sp.runs : "1", 10) || 1);
  const { definition: d, latestRun, results, baseline } = await orNotFound(getProfileDefinition(actor, id));
  const [runs, trend, anomalies] = await Promise.all([
    listProfileRuns(actor, { definitionId: d.id, page: runsPage, pageSize: RUNS_PAGE_SIZE }),
    profileTrend(actor, { definitionId: d.id, runs: 30 }),
    listProfileAnomalies(actor, { ...query, filters: { ...query.filters, definition: d.id } }),
  ]);
  const canManage = can(actor.role, "quality:manage");
  const runsHref = (page: number) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(sp)) if (typeof v === "string" && k !== "runs") next.set(k, v);
    if (page > 1) next.set("runs", String(page));
    const s = next.toString();
    return `/quality/profiling/${d.id}${s ? `?${s}` : ""}#runs`;
  };
  const t = d.thresholds;
  // Columns and charts are those of the newest run that has them: a run in progress has none yet.
  const columns = results?.columns ?? [];
  const latestRunRow = latestRun ? withoutColumns(latestRun) : null;
  return (
    <>
      <PageHeader
        title={d.name}
        description={[
          `${TARGET_KINDS[d.targetKind]}: ${d.targetLabel}`,
          d.stepId ? `step ${d.stepId}` : null,
          d.sqlConnection ? `via ${d.sqlConnection}` : null,
          `${d.scheduleLabel}${d.enabled ? "" : " (paused)"}`,
          d.description || null,
        ]
          .filter(Boolean)
          .join(" · ")}
        actions={
          canManage ? (
            <>
              <LinkButton href={`/quality/profiling/${d.id}/edit`}>Edit</LinkButton>
              <DeleteProfile id={d.id} name={d.name} />
            </>
          ) : undefined
        }
      />
      <div className="space-y-6">
        <Card
          title="Latest run"
          description={
            d.enabled && d.nextRunAt
              ? `Next scheduled run ${formatWhen(d.nextRunAt)} UTC.`
              : "No scheduled run: the profile is paused."
          }
        >
          <RunPanel
            key={latestRun ? `${latestRun.id}:${latestRun.status}` : "none"}
            definitionId={d.id}
            initialRun={latestRunRow}
            requestedAt={d.runRequestedAt}
            columnCount={latestRun?.columns.length ?? 0}
            canRun={canManage}
          />
        </Card>

        <Card
          title="Columns"
          description={
            results
              ? `From the ${results.runId === latestRun?.id ? "latest" : "last successful"} run, finished ${formatWhen(results.finishedAt)} UTC. Distinct counts marked ≈ are HyperLogLog estimates.`
              : "Per column results appear when a run succeeds."
          }
        >
          {columns.length ? (
            <ColumnsTable columns={columns} />
          ) : (
            <p className="text-sm text-slate-500">
              {latestRun?.status === "failed"
                ? "The latest run failed; it has no column results."
                : "No column results yet."}
            </p>
          )}
        </Card>

        <section aria-labelledby="pf-trends" className="space-y-3">
          <h2 id="pf-trends" className="text-base font-semibold text-slate-900">
            {trend.length > 1 ? `Trends over the last ${trend.length} successful runs` : "Trends"}
          </h2>
          <TrendCharts points={trend} />
        </section>

        <Card
          title="Baseline and thresholds"
          description="Each run is compared with the rolling baseline of the successful runs before it."
        >
          <dl className="grid gap-4 text-sm sm:grid-cols-2 lg:grid-cols-4">
            <div>
              <dt className="text-xs font-medium text-slate-500 uppercase">Baseline</dt>
              <dd className="mt-0.5 text-slate-900">
                {baseline
                  ? `${baseline.runs} of ${d.baselineRuns} runs, ${formatCount(Math.round(baseline.rows))} rows on average`
                  : `Not yet: built from the next ${d.baselineRuns} successful runs`}
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-500 uppercase">Null-rate jump</dt>
              <dd className="mt-0.5 text-slate-900">{formatRate(t.nullRateJump)} points</dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-500 uppercase">Volume drop</dt>
              <dd className="mt-0.5 text-slate-900">{formatRate(t.volumeDrop)} fewer rows</dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-500 uppercase">Out-of-range growth</dt>
              <dd className="mt-0.5 text-slate-900">{formatRate(t.outOfRangeGrowth)} points</dd>
            </div>
          </dl>
          {d.bounds && Object.keys(d.bounds).length > 0 && (
            <p className="mt-3 text-sm text-slate-700">
              Bounds:{" "}
              {Object.entries(d.bounds).map(([col, b], i) => (
                <span key={col}>
                  {i > 0 && ", "}
                  <code className="text-xs">{col}</code>{" "}
                  {[
                    b.min !== undefined || b.max !== undefined ? `${b.min ?? "…"} to ${b.max ?? "…"}` : null,
                    b.minLength !== undefined || b.maxLength !== undefined
                      ? `length ${b.minLength ?? 0} to ${b.maxLength ?? "…"}`
                      : null,
                  ]
                    .filter(Boolean)
                    .join(", ")}
                </span>
              ))}
            </p>
          )}
        </Card>

        <section id="runs" className="scroll-mt-4">
          <Card title="Runs">
            <RunsTable result={runs} pageHref={runsHref} />
          </Card>
        </section>

        <section id="anomalies" aria-labelledby="pf-anomalies" className="scroll-mt-4 space-y-3">
          <h2 id="pf-anomalies" className="flex items-center gap-2 text-base font-semibold text-slate-900">
            Anomalies{" "}
            {d.openAnomalies > 0 && <Badge tone="warning">{formatCount(d.openAnomalies)} in the last run</Badge>}
          </h2>
          <AnomaliesTable result={anomalies} query={query} showDefinition={false} />
        </section>
      </div>
    </>
  );
}

function withoutColumns<T extends { columns: unknown }>(run: T): Omit<T, "columns"> {
  const { columns: _columns, ...rest } = run;
  return rest;
}
