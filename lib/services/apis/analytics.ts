import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { apiItemKey, ZApiDocument } from "@/lib/apis/document";
import { listOperations, operationLabel } from "@/lib/apis/openapi/operations";
import { db, Prisma } from "@/lib/db";
import { BUCKET_COUNT, percentileFromBuckets } from "@/lib/engine/metrics/buckets";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import {
  API_ANALYTICS_RANGE_SPEC,
  DEFAULT_IDLE_DAYS,
  type TApiAnalyticsFilters,
  type TApiAnalyticsRange,
} from "@/lib/validation/api-analytics";

// The portal's view of the gateway's per-minute analytics (ApiCallMinute): series over time, per
// operation and per consumer, who still calls a version, endpoints nobody calls, and versions or
// operations worth deprecating. Every read is an aggregate query over the rollups, never per request.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Separates the parts of a composite group key; cannot occur in ids, methods or path templates. */
const SEP = "\u001f";

export type TLatency = { p50Ms: number | null; p95Ms: number | null; p99Ms: number | null };

/** Sums over a group of ApiCallMinute rows. */
export type TCallAggregate = {
  calls: number;
  clientErrors: number;
  serverErrors: number;
  rateLimited: number;
  latencySumMs: number;
  /** Epoch ms of the latest minute with a call; null when none. */
  lastCallMs: number | null;
  buckets: number[];
};

export type TCallScope = {
  productId?: string;
  apiVersionId?: string;
  apiVersionIds?: string[];
  environmentId?: string;
  consumerId?: string;
  from: Date;
  to: Date;
};

/** A filter that names something that does not exist matches no rows (a stale or hand-edited URL). */
const NOTHING = "\u0000none";

function whereOf(s: TCallScope): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`c."minute" >= ${s.from}`, Prisma.sql`c."minute" < ${s.to}`];
  if (s.apiVersionId) parts.push(Prisma.sql`c."apiVersionId" = ${s.apiVersionId}`);
  if (s.apiVersionIds) parts.push(Prisma.sql`c."apiVersionId" = ANY(${s.apiVersionIds})`);
  if (s.productId)
    parts.push(
      Prisma.sql`c."apiVersionId" IN (SELECT v."id" FROM "ApiVersion" v WHERE v."productId" = ${s.productId})`,
    );
  if (s.environmentId) parts.push(Prisma.sql`c."environmentId" = ${s.environmentId}`);
  if (s.consumerId !== undefined) parts.push(Prisma.sql`c."consumerId" = ${s.consumerId}`);
  return Prisma.join(parts, " AND ");
}

/** The histograms added element-wise in one pass (no unnest): ARRAY[sum(b[1]), …, sum(b[16])]. */
const BUCKET_SUMS = Prisma.raw(
  `ARRAY[${Array.from({ length: BUCKET_COUNT }, (_, i) => `sum(c."latencyBuckets"[${i + 1}])`).join(", ")}]::float8[]`,
);

type TAggRow = {
  k: string;
  calls: number;
  clientErrors: number;
  serverErrors: number;
  rateLimited: number;
  latencySumMs: number;
  lastMs: number | null;
  buckets: (number | null)[] | null;
};

/**
 * Sums per group key (a trusted SQL expression over alias c, cast to text) with the latency
 * histograms merged element-wise, in one statement. Unsafe: no permission check, for callers in this
 * area that have already asserted api:read; `key` must never carry user input except as parameters.
 */
export async function unsafeAggregateCalls(key: Prisma.Sql, scope: TCallScope): Promise<Map<string, TCallAggregate>> {
  const rows = await db().$queryRaw<TAggRow[]>`
    SELECT (${key})::text AS k, sum(c."calls")::float8 AS calls, sum(c."clientErrors")::float8 AS "clientErrors",
           sum(c."serverErrors")::float8 AS "serverErrors", sum(c."rateLimited")::float8 AS "rateLimited",
           sum(c."latencySumMs")::float8 AS "latencySumMs",
           (extract(epoch FROM max(CASE WHEN c."calls" > 0 THEN c."minute" END)) * 1000)::float8 AS "lastMs",
           ${BUCKET_SUMS} AS buckets
    FROM "ApiCallMinute" c WHERE ${whereOf(scope)}
    GROUP BY 1`;
  const out = new Map<string, TCallAggregate>();
  for (const r of rows) {
    const buckets = new Array<number>(BUCKET_COUNT).fill(0);
    (r.buckets ?? []).forEach((n, i) => {
      if (i < BUCKET_COUNT) buckets[i] = Number(n ?? 0);
    });
    out.set(r.k, {
      calls: Number(r.calls),
      clientErrors: Number(r.clientErrors),
      serverErrors: Number(r.serverErrors),
      rateLimited: Number(r.rateLimited),
      latencySumMs: Number(r.latencySumMs),
      lastCallMs: r.lastMs === null ? null : Number(r.lastMs),
      buckets,
    });
  }
  return out;
}

export function emptyAggregate(): TCallAggregate {
  return {
    calls: 0,
    clientErrors: 0,
    serverErrors: 0,
    rateLimited: 0,
    latencySumMs: 0,
    lastCallMs: null,
    buckets: new Array<number>(BUCKET_COUNT).fill(0),
  };
}

export function mergeAggregates(items: Iterable<TCallAggregate>): TCallAggregate {
  const out = emptyAggregate();
  for (const a of items) {
    out.calls += a.calls;
    out.clientErrors += a.clientErrors;
    out.serverErrors += a.serverErrors;
    out.rateLimited += a.rateLimited;
    out.latencySumMs += a.latencySumMs;
    if (a.lastCallMs !== null && (out.lastCallMs === null || a.lastCallMs > out.lastCallMs))
      out.lastCallMs = a.lastCallMs;
    a.buckets.forEach((n, i) => (out.buckets[i] += n));
  }
  return out;
}

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

export function latencyOf(a: Pick<TCallAggregate, "buckets">): TLatency {
  return {
    p50Ms: round1(percentileFromBuckets(a.buckets, 0.5)),
    p95Ms: round1(percentileFromBuckets(a.buckets, 0.95)),
    p99Ms: round1(percentileFromBuckets(a.buckets, 0.99)),
  };
}

/** Every answered error (client, server and rate-limited) over all calls, in percent; null without calls. */
export function errorPctOf(a: Pick<TCallAggregate, "calls" | "clientErrors" | "serverErrors" | "rateLimited">) {
  if (!a.calls) return null;
  return Math.round(((a.clientErrors + a.serverErrors + a.rateLimited) / a.calls) * 10_000) / 100;
}

// ----- scope from the page's filters -------------------------------------------------------------

type TResolved = { scope: TCallScope; environmentKey: string | null; isEmpty: boolean };

async function resolveFilters(filters: TApiAnalyticsFilters, from: Date, to: Date): Promise<TResolved> {
  const scope: TCallScope = { from, to };
  let isEmpty = false;
  if (filters.product) {
    const p = await db().apiProduct.findUnique({ where: { key: filters.product }, select: { id: true } });
    scope.productId = p?.id ?? NOTHING;
    isEmpty ||= !p;
  }
  if (filters.version) scope.apiVersionId = filters.version;
  if (filters.env) {
    const e = await db().environment.findUnique({ where: { key: filters.env }, select: { id: true } });
    scope.environmentId = e?.id ?? NOTHING;
    isEmpty ||= !e;
  }
  if (filters.consumer) scope.consumerId = filters.consumer;
  return { scope, environmentKey: filters.env ?? null, isEmpty };
}

function rangeWindow(range: TApiAnalyticsRange, now: Date) {
  const spec = API_ANALYTICS_RANGE_SPEC[range];
  const size = spec.bucket === "hour" ? HOUR : DAY;
  // Whole buckets: the last one is the current (partial) hour or day.
  const end = Math.floor(now.getTime() / size) * size + size;
  const start = end - Math.ceil(spec.ms / size) * size;
  return {
    from: new Date(start),
    to: new Date(Math.min(end, now.getTime() + 1)),
    start,
    end,
    size,
    bucket: spec.bucket,
  };
}

// ----- options for the filter bar ---------------------------------------------------------------

export type TApiAnalyticsOptions = {
  products: { id: string; key: string; name: string }[];
  versions: { id: string; productKey: string; key: string; lifecycle: string }[];
  environments: { id: string; key: string; name: string; isProduction: boolean }[];
  consumers: { id: string; key: string; name: string }[];
};

export async function getApiAnalyticsOptions(actor: Actor): Promise<TApiAnalyticsOptions> {
  assertCan(actor, "api:read");
  const [products, environments, consumers] = await Promise.all([
    db().apiProduct.findMany({
      orderBy: { name: "asc" },
      select: {
        id: true,
        key: true,
        name: true,
        versions: { orderBy: { major: "desc" }, select: { id: true, major: true, lifecycle: true } },
      },
    }),
    db().environment.findMany({
      orderBy: { sortOrder: "asc" },
      select: { id: true, key: true, name: true, isProduction: true },
    }),
    db().apiConsumer.findMany({ orderBy: { name: "asc" }, select: { id: true, key: true, name: true } }),
  ]);
  return {
    products: products.map((p) => ({ id: p.id, key: p.key, name: p.name })),
    versions: products.flatMap((p) =>
      p.versions.map((v) => ({ id: v.id, productKey: p.key, key: apiItemKey(p.key, v.major), lifecycle: v.lifecycle })),
    ),
    environments,
    consumers,
  };
}

// ----- series over time -------------------------------------------------------------------------

export type TApiCallPoint = {
  /** Epoch ms of the bucket's start. */
  t: number;
  calls: number;
  ok: number;
  clientErrors: number;
  serverErrors: number;
  rateLimited: number;
} & TLatency;

export type TApiCallSeries = {
  range: TApiAnalyticsRange;
  bucket: "hour" | "day";
  from: string;
  to: string;
  points: TApiCallPoint[];
  totals: TCallAggregate & TLatency & { errorPct: number | null };
};

/** One point per bucket from start to end, zero where no row fell (so the chart's time axis is even). */
export function fillSeries(
  byStart: Map<number, TCallAggregate>,
  start: number,
  end: number,
  size: number,
): TApiCallPoint[] {
  const points: TApiCallPoint[] = [];
  for (let t = start; t < end; t += size) {
    const a = byStart.get(t) ?? emptyAggregate();
    const errors = a.clientErrors + a.serverErrors + a.rateLimited;
    points.push({
      t,
      calls: a.calls,
      ok: Math.max(0, a.calls - errors),
      clientErrors: a.clientErrors,
      serverErrors: a.serverErrors,
      rateLimited: a.rateLimited,
      ...latencyOf(a),
    });
  }
  return points;
}

/** Calls, errors and latency per hour (24 h, 7 d) or per day (30 d) for the filtered scope. */
export async function getApiCallSeries(
  actor: Actor,
  filters: TApiAnalyticsFilters,
  now = new Date(),
): Promise<TApiCallSeries> {
  assertCan(actor, "api:read");
  const w = rangeWindow(filters.range, now);
  const { scope, isEmpty } = await resolveFilters(filters, w.from, w.to);
  const unit = Prisma.raw(w.bucket === "hour" ? "'hour'" : "'day'");
  const groups = isEmpty
    ? new Map<string, TCallAggregate>()
    : await unsafeAggregateCalls(
        Prisma.sql`(extract(epoch FROM date_trunc(${unit}, c."minute")) * 1000)::bigint`,
        scope,
      );
  const byStart = new Map([...groups].map(([k, v]) => [Number(k), v]));
  const totals = mergeAggregates(groups.values());
  return {
    range: filters.range,
    bucket: w.bucket,
    from: new Date(w.start).toISOString(),
    to: now.toISOString(),
    points: fillSeries(byStart, w.start, w.end, w.size),
    totals: { ...totals, ...latencyOf(totals), errorPct: errorPctOf(totals) },
  };
}

// ----- per operation ----------------------------------------------------------------------------

export type TApiOperationStat = {
  /** apiVersionId + operation */
  id: string;
  apiVersionId: string;
  versionKey: string;
  lifecycle: string;
  operation: string;
  calls: number;
  errors: number;
  clientErrors: number;
  serverErrors: number;
  rateLimited: number;
  errorPct: number | null;
  lastCallAt: string | null;
} & TLatency;

type TVersionInfo = {
  id: string;
  key: string;
  productId: string;
  productKey: string;
  productName: string;
  major: number;
  lifecycle: string;
  publishedAt: Date | null;
};

async function versionsById(): Promise<Map<string, TVersionInfo>> {
  const versions = await db().apiVersion.findMany({
    select: {
      id: true,
      major: true,
      lifecycle: true,
      publishedAt: true,
      productId: true,
      product: { select: { key: true, name: true } },
    },
  });
  return new Map(
    versions.map((v) => [
      v.id,
      {
        id: v.id,
        key: apiItemKey(v.product.key, v.major),
        productId: v.productId,
        productKey: v.product.key,
        productName: v.product.name,
        major: v.major,
        lifecycle: v.lifecycle,
        publishedAt: v.publishedAt,
      },
    ]),
  );
}

/** Calls, errors and latency per (version, operation) over the filtered range, busiest first. */
export async function listApiOperationStats(
  actor: Actor,
  filters: TApiAnalyticsFilters,
  now = new Date(),
): Promise<TApiOperationStat[]> {
  assertCan(actor, "api:read");
  const w = rangeWindow(filters.range, now);
  const { scope, isEmpty } = await resolveFilters(filters, w.from, w.to);
  if (isEmpty) return [];
  const [groups, versions] = await Promise.all([
    unsafeAggregateCalls(Prisma.sql`c."apiVersionId" || ${SEP} || c."operation"`, scope),
    versionsById(),
  ]);
  const rows: TApiOperationStat[] = [];
  for (const [k, a] of groups) {
    const [apiVersionId, operation] = k.split(SEP);
    const v = versions.get(apiVersionId);
    rows.push({
      id: k,
      apiVersionId,
      versionKey: v?.key ?? apiVersionId,
      lifecycle: v?.lifecycle ?? "retired",
      operation,
      calls: a.calls,
      errors: a.clientErrors + a.serverErrors + a.rateLimited,
      clientErrors: a.clientErrors,
      serverErrors: a.serverErrors,
      rateLimited: a.rateLimited,
      errorPct: errorPctOf(a),
      lastCallAt: a.lastCallMs === null ? null : new Date(a.lastCallMs).toISOString(),
      ...latencyOf(a),
    });
  }
  return rows.sort((a, b) => b.calls - a.calls || a.id.localeCompare(b.id));
}

const OPERATION_SORTS = ["operation", "versionKey", "calls", "errorPct", "p95Ms", "p99Ms", "lastCallAt"] as const;

/** The operation table's search, sort and page, applied to the rows listApiOperationStats returned. */
export function pageOperationStats<T extends TApiOperationStat>(rows: T[], query: TListQuery): ListResult<T> {
  const q = query.q.trim().toLowerCase();
  const matching = q
    ? rows.filter((r) => r.operation.toLowerCase().includes(q) || r.versionKey.toLowerCase().includes(q))
    : rows;
  const sort = pickSort(query, OPERATION_SORTS, "calls");
  const dir = query.sort ? (sort.dir === "desc" ? -1 : 1) : -1;
  const value = (r: T): string | number => {
    const v = r[sort.field];
    // Rows without a figure sort last either way.
    return v === null ? (dir === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY) : v;
  };
  const sorted = [...matching].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    return (x < y ? -1 : x > y ? 1 : 0) * dir || a.id.localeCompare(b.id);
  });
  const start = (query.page - 1) * query.pageSize;
  return {
    rows: sorted.slice(start, start + query.pageSize),
    total: sorted.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

// ----- per consumer -----------------------------------------------------------------------------

export type TApiConsumerStat = {
  /** "" for callers the gateway could not identify. */
  consumerId: string;
  name: string;
  systemName: string | null;
  calls: number;
  errorPct: number | null;
  lastCallAt: string | null;
} & TLatency;

/** The busiest consumers in the filtered scope and range. */
export async function topApiConsumers(
  actor: Actor,
  filters: TApiAnalyticsFilters,
  opts: { limit?: number } = {},
  now = new Date(),
): Promise<TApiConsumerStat[]> {
  assertCan(actor, "api:read");
  const w = rangeWindow(filters.range, now);
  const { scope, isEmpty } = await resolveFilters(filters, w.from, w.to);
  if (isEmpty) return [];
  const groups = await unsafeAggregateCalls(Prisma.sql`c."consumerId"`, scope);
  const top = [...groups]
    .sort((a, b) => b[1].calls - a[1].calls || a[0].localeCompare(b[0]))
    .slice(0, opts.limit ?? 10);
  const consumers = await db().apiConsumer.findMany({
    where: { id: { in: top.map(([k]) => k).filter(Boolean) } },
    select: { id: true, name: true, system: { select: { name: true } } },
  });
  return top.map(([consumerId, a]) => {
    const c = consumers.find((x) => x.id === consumerId);
    return {
      consumerId,
      name: consumerId === "" ? "Unidentified callers" : (c?.name ?? `Deleted consumer (${consumerId})`),
      systemName: c?.system?.name ?? null,
      calls: a.calls,
      errorPct: errorPctOf(a),
      lastCallAt: a.lastCallMs === null ? null : new Date(a.lastCallMs).toISOString(),
      ...latencyOf(a),
    };
  });
}

export type TVersionCaller = {
  consumerId: string;
  key: string;
  name: string;
  contactEmail: string;
  systemId: string | null;
  systemName: string | null;
  lastCallAt: string;
  /** Calls in the last 7 days (0 when its last call is older). */
  callsLast7d: number;
  /** Calls in the whole `sinceDays` window. */
  calls: number;
  environments: string[];
};

/**
 * The identified consumers that called a version in the last `sinceDays` days (default 30), with
 * their system, last call and calls in the last 7 days, most recent callers first: who must be told
 * before a deprecated version is retired.
 */
export async function consumersOfVersion(
  actor: Actor,
  apiVersionId: string,
  opts: { sinceDays?: number } = {},
  now = new Date(),
): Promise<TVersionCaller[]> {
  assertCan(actor, "api:read");
  const sinceDays = opts.sinceDays ?? 30;
  const since = new Date(now.getTime() - sinceDays * DAY);
  const week = new Date(now.getTime() - 7 * DAY);
  const rows = await db().$queryRaw<
    { consumerId: string; environmentId: string; calls: number; week: number; lastMs: number }[]
  >`
    SELECT c."consumerId", c."environmentId", sum(c."calls")::float8 AS calls,
           sum(CASE WHEN c."minute" >= ${week} THEN c."calls" ELSE 0 END)::float8 AS week,
           (extract(epoch FROM max(c."minute")) * 1000)::float8 AS "lastMs"
    FROM "ApiCallMinute" c
    WHERE c."apiVersionId" = ${apiVersionId} AND c."consumerId" <> '' AND c."calls" > 0
      AND c."minute" >= ${since} AND c."minute" <= ${now}
    GROUP BY c."consumerId", c."environmentId"`;
  if (!rows.length) return [];
  const [consumers, envs] = await Promise.all([
    db().apiConsumer.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.consumerId))] } },
      select: {
        id: true,
        key: true,
        name: true,
        contactEmail: true,
        systemId: true,
        system: { select: { name: true } },
      },
    }),
    db().environment.findMany({ select: { id: true, key: true, sortOrder: true } }),
  ]);
  const out = new Map<string, TVersionCaller & { lastMs: number }>();
  for (const r of rows) {
    const c = consumers.find((x) => x.id === r.consumerId);
    if (!c) continue;
    const row = out.get(c.id) ?? {
      consumerId: c.id,
      key: c.key,
      name: c.name,
      contactEmail: c.contactEmail,
      systemId: c.systemId,
      systemName: c.system?.name ?? null,
      lastCallAt: "",
      lastMs: 0,
      callsLast7d: 0,
      calls: 0,
      environments: [],
    };
    row.calls += Number(r.calls);
    row.callsLast7d += Number(r.week);
    row.lastMs = Math.max(row.lastMs, Number(r.lastMs));
    const env = envs.find((e) => e.id === r.environmentId);
    if (env && !row.environments.includes(env.key)) row.environments.push(env.key);
    out.set(c.id, row);
  }
  const order = new Map(envs.map((e) => [e.key, e.sortOrder]));
  return [...out.values()]
    .sort((a, b) => b.lastMs - a.lastMs || b.calls - a.calls || a.name.localeCompare(b.name))
    .map(({ lastMs, ...row }) => ({
      ...row,
      lastCallAt: new Date(lastMs).toISOString(),
      environments: row.environments.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
    }));
}

/** Deprecated versions that identified consumers still call, with those consumers. */
export async function deprecatedVersionCallers(
  actor: Actor,
  filters: Pick<TApiAnalyticsFilters, "product" | "version">,
  opts: { sinceDays?: number } = {},
  now = new Date(),
): Promise<{ apiVersionId: string; versionKey: string; sunsetAt: string | null; callers: TVersionCaller[] }[]> {
  assertCan(actor, "api:read");
  const versions = await db().apiVersion.findMany({
    where: {
      lifecycle: "deprecated",
      ...(filters.version ? { id: filters.version } : {}),
      ...(filters.product ? { product: { key: filters.product } } : {}),
    },
    select: { id: true, major: true, sunsetAt: true, product: { select: { key: true } } },
    orderBy: [{ product: { key: "asc" } }, { major: "asc" }],
  });
  const out = [];
  for (const v of versions) {
    const callers = await consumersOfVersion(actor, v.id, opts, now);
    if (callers.length)
      out.push({
        apiVersionId: v.id,
        versionKey: apiItemKey(v.product.key, v.major),
        sunsetAt: v.sunsetAt?.toISOString() ?? null,
        callers,
      });
  }
  return out;
}

// ----- underused endpoints ----------------------------------------------------------------------

export type TUnderusedEndpoint = {
  id: string;
  apiVersionId: string;
  versionKey: string;
  environmentKey: string;
  operation: string;
  summary: string | null;
  isDeprecatedInSpec: boolean;
  /** The last call the rollups still hold, older than the idle window; null when none. */
  lastCallAt: string | null;
  deployedAt: string;
};

/**
 * Operations of the revisions deployed (in the chosen environment, or production) with no calls in
 * the last `filters.idle` days. The consumer filter does not apply: an endpoint is underused when
 * nobody calls it.
 */
export async function findUnderusedEndpoints(
  actor: Actor,
  filters: TApiAnalyticsFilters,
  now = new Date(),
): Promise<{ environmentKey: string | null; idleDays: number; endpoints: TUnderusedEndpoint[] }> {
  assertCan(actor, "api:read");
  const idleDays = filters.idle ?? DEFAULT_IDLE_DAYS;
  const env = filters.env
    ? await db().environment.findUnique({ where: { key: filters.env }, select: { id: true, key: true } })
    : await db().environment.findFirst({ where: { isProduction: true }, select: { id: true, key: true } });
  if (!env) return { environmentKey: filters.env ?? null, idleDays, endpoints: [] };
  const deployments = await db().apiDeployment.findMany({
    where: {
      activeSlot: { not: null },
      environmentId: env.id,
      ...(filters.version ? { apiVersionId: filters.version } : {}),
      apiVersion: {
        lifecycle: { not: "retired" },
        ...(filters.product ? { product: { key: filters.product } } : {}),
      },
    },
    select: {
      apiVersionId: true,
      deployedAt: true,
      revision: { select: { document: true } },
      apiVersion: { select: { major: true, product: { select: { key: true } } } },
    },
  });
  if (!deployments.length) return { environmentKey: env.key, idleDays, endpoints: [] };
  const since = new Date(now.getTime() - idleDays * DAY);
  const last = await db().$queryRaw<{ apiVersionId: string; operation: string; lastMs: number; recent: number }[]>`
    SELECT c."apiVersionId", c."operation", (extract(epoch FROM max(c."minute")) * 1000)::float8 AS "lastMs",
           sum(CASE WHEN c."minute" >= ${since} THEN c."calls" ELSE 0 END)::float8 AS recent
    FROM "ApiCallMinute" c
    WHERE c."environmentId" = ${env.id} AND c."calls" > 0
      AND c."apiVersionId" = ANY(${deployments.map((d) => d.apiVersionId)})
    GROUP BY c."apiVersionId", c."operation"`;
  const seen = new Map(last.map((r) => [`${r.apiVersionId}${SEP}${r.operation}`, r]));
  const endpoints: TUnderusedEndpoint[] = [];
  for (const d of deployments) {
    const parsed = ZApiDocument.safeParse(d.revision.document);
    if (!parsed.success) continue;
    const versionKey = apiItemKey(d.apiVersion.product.key, d.apiVersion.major);
    for (const op of listOperations(parsed.data.openapi)) {
      const operation = operationLabel(op);
      const s = seen.get(`${d.apiVersionId}${SEP}${operation}`);
      if (s && Number(s.recent) > 0) continue;
      endpoints.push({
        id: `${d.apiVersionId}${SEP}${operation}`,
        apiVersionId: d.apiVersionId,
        versionKey,
        environmentKey: env.key,
        operation,
        summary: op.summary ?? null,
        isDeprecatedInSpec: op.deprecated,
        lastCallAt: s ? new Date(Number(s.lastMs)).toISOString() : null,
        deployedAt: d.deployedAt.toISOString(),
      });
    }
  }
  return {
    environmentKey: env.key,
    idleDays,
    endpoints: endpoints.sort(
      (a, b) => a.versionKey.localeCompare(b.versionKey) || a.operation.localeCompare(b.operation),
    ),
  };
}

// ----- deprecation candidates -------------------------------------------------------------------

/** Under this many calls in 30 days a version that has been out for 30 days carries next to nothing. */
export const LOW_CALLS_30D = 100;
/** A week-over-week fall this steep, from at least FALLING_MIN_PREVIOUS calls, is a trend worth a look. */
export const FALLING_RATIO = 0.5;
export const FALLING_MIN_PREVIOUS = 50;
/** Newer majors carrying this share of a product's calls mean the migration is mostly done. */
export const SUPERSEDED_SHARE = 0.8;
/** An operation with less than this share of its version's calls (and a busy version) is a trim candidate. */
export const OPERATION_MINOR_SHARE = 0.01;
export const OPERATION_MINOR_MIN_VERSION_CALLS = 1_000;

export type TTraffic = { calls7d: number; callsPrev7d: number; calls30d: number };

export type TCandidateVersionInput = TTraffic & {
  id: string;
  key: string;
  productKey: string;
  major: number;
  lifecycle: string;
  publishedAt: Date | null;
};

export type TCandidateOperationInput = TTraffic & { apiVersionId: string; operation: string };

export type TDeprecationRule = "superseded" | "low-traffic" | "falling";

export type TDeprecationCandidate = TTraffic & {
  id: string;
  kind: "version" | "operation";
  apiVersionId: string;
  versionKey: string;
  operation: string | null;
  rules: TDeprecationRule[];
  reasons: string[];
  successorKey: string | null;
};

const n = (v: number) => v.toLocaleString("en-US");
const pct = (v: number) => `${Math.round(v * 100)}%`;

function fallingReason(t: TTraffic): string | null {
  if (t.callsPrev7d < FALLING_MIN_PREVIOUS || t.calls7d > t.callsPrev7d * FALLING_RATIO) return null;
  return `Calls fell ${pct(1 - t.calls7d / t.callsPrev7d)} week over week (${n(t.callsPrev7d)} → ${n(t.calls7d)}).`;
}

/**
 * Published versions (and operations of them) worth deprecating, each with its reasons: superseded by
 * a newer published major that now carries most of the product's calls; low traffic after 30 days
 * out; traffic falling steeply week over week. Deprecated, retired and draft versions are not listed
 * (a deprecated version's callers are their own list). Pure, for tests.
 */
export function deprecationCandidates(
  versions: TCandidateVersionInput[],
  operations: TCandidateOperationInput[],
  now: Date,
): TDeprecationCandidate[] {
  const out: TDeprecationCandidate[] = [];
  const published = versions.filter((v) => v.lifecycle === "published");
  for (const v of published) {
    const rules: TDeprecationRule[] = [];
    const reasons: string[] = [];
    const newer = published.filter((o) => o.productKey === v.productKey && o.major > v.major);
    const newerCalls = newer.reduce((a, o) => a + o.calls7d, 0);
    let successorKey: string | null = null;
    if (newer.length && newerCalls > 0) {
      const share = newerCalls / (newerCalls + v.calls7d);
      if (share >= SUPERSEDED_SHARE) {
        const top = [...newer].sort((a, b) => b.calls7d - a.calls7d)[0];
        successorKey = top.key;
        rules.push("superseded");
        reasons.push(
          `${newer.length === 1 ? top.key : `v${newer.map((o) => o.major).join("/v")}`} now carr${newer.length === 1 ? "ies" : "y"} ${pct(share)} of ${v.productKey}'s calls (last 7 days); ${n(v.calls7d)} remain on ${v.key}.`,
        );
      }
    }
    const isEstablished = !v.publishedAt || now.getTime() - v.publishedAt.getTime() >= 30 * DAY;
    if (isEstablished && v.calls30d < LOW_CALLS_30D) {
      rules.push("low-traffic");
      reasons.push(v.calls30d === 0 ? "No calls in 30 days." : `Only ${n(v.calls30d)} calls in 30 days.`);
    }
    const falling = fallingReason(v);
    if (falling) {
      rules.push("falling");
      reasons.push(falling);
    }
    if (rules.length)
      out.push({
        id: v.id,
        kind: "version",
        apiVersionId: v.id,
        versionKey: v.key,
        operation: null,
        rules,
        reasons,
        successorKey,
        calls7d: v.calls7d,
        callsPrev7d: v.callsPrev7d,
        calls30d: v.calls30d,
      });
  }
  const byId = new Map(published.map((v) => [v.id, v]));
  for (const o of operations) {
    const v = byId.get(o.apiVersionId);
    // A version that is itself a candidate speaks for its operations.
    if (!v || out.some((c) => c.kind === "version" && c.apiVersionId === v.id)) continue;
    const rules: TDeprecationRule[] = [];
    const reasons: string[] = [];
    const falling = fallingReason(o);
    if (falling) {
      rules.push("falling");
      reasons.push(falling);
    }
    if (
      o.calls30d > 0 &&
      v.calls30d >= OPERATION_MINOR_MIN_VERSION_CALLS &&
      o.calls30d / v.calls30d < OPERATION_MINOR_SHARE
    ) {
      rules.push("low-traffic");
      reasons.push(
        `${n(o.calls30d)} of ${v.key}'s ${n(v.calls30d)} calls in 30 days (${((o.calls30d / v.calls30d) * 100).toFixed(2)}%).`,
      );
    }
    if (rules.length)
      out.push({
        id: `${o.apiVersionId}${SEP}${o.operation}`,
        kind: "operation",
        apiVersionId: o.apiVersionId,
        versionKey: v.key,
        operation: o.operation,
        rules,
        reasons,
        successorKey: null,
        calls7d: o.calls7d,
        callsPrev7d: o.callsPrev7d,
        calls30d: o.calls30d,
      });
  }
  const weight = (c: TDeprecationCandidate) =>
    (c.kind === "version" ? 0 : 1) * 10 + (c.rules.includes("superseded") ? 0 : 1);
  return out.sort((a, b) => weight(a) - weight(b) || a.calls7d - b.calls7d || a.id.localeCompare(b.id));
}

/** The candidates for the product/version filter (environment: as filtered, else all). */
export async function findDeprecationCandidates(
  actor: Actor,
  filters: TApiAnalyticsFilters,
  now = new Date(),
): Promise<TDeprecationCandidate[]> {
  assertCan(actor, "api:read");
  const versions = [...(await versionsById()).values()].filter(
    (v) => (!filters.product || v.productKey === filters.product) && v.lifecycle !== "retired",
  );
  if (!versions.length) return [];
  // Superseded needs the newer majors' traffic even when one version is picked, so the version
  // filter narrows the result, not the query.
  const { scope, isEmpty } = await resolveFilters(
    { ...filters, version: undefined, consumer: undefined },
    new Date(now.getTime() - 30 * DAY),
    now,
  );
  if (isEmpty) return [];
  scope.apiVersionIds = versions.map((v) => v.id);
  const week = new Date(now.getTime() - 7 * DAY);
  const fortnight = new Date(now.getTime() - 14 * DAY);
  const rows = await db().$queryRaw<{ apiVersionId: string; operation: string; c7: number; p7: number; c30: number }[]>`
    SELECT c."apiVersionId", c."operation",
           sum(CASE WHEN c."minute" >= ${week} THEN c."calls" ELSE 0 END)::float8 AS c7,
           sum(CASE WHEN c."minute" >= ${fortnight} AND c."minute" < ${week} THEN c."calls" ELSE 0 END)::float8 AS p7,
           sum(c."calls")::float8 AS c30
    FROM "ApiCallMinute" c WHERE ${whereOf(scope)}
    GROUP BY c."apiVersionId", c."operation"`;
  const traffic = new Map<string, TTraffic>();
  const operations: TCandidateOperationInput[] = [];
  for (const r of rows) {
    const t = traffic.get(r.apiVersionId) ?? { calls7d: 0, callsPrev7d: 0, calls30d: 0 };
    t.calls7d += Number(r.c7);
    t.callsPrev7d += Number(r.p7);
    t.calls30d += Number(r.c30);
    traffic.set(r.apiVersionId, t);
    if (r.operation !== "(unmatched)")
      operations.push({
        apiVersionId: r.apiVersionId,
        operation: r.operation,
        calls7d: Number(r.c7),
        callsPrev7d: Number(r.p7),
        calls30d: Number(r.c30),
      });
  }
  const candidates = deprecationCandidates(
    versions.map((v) => ({ ...v, ...(traffic.get(v.id) ?? { calls7d: 0, callsPrev7d: 0, calls30d: 0 }) })),
    operations,
    now,
  );
  return filters.version ? candidates.filter((c) => c.apiVersionId === filters.version) : candidates;
}
