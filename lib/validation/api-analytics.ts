import { z } from "zod";

// The API analytics page's filters, as they live in the URL (?product=&version=&env=&consumer=&range=&idle=).
// The operation table's own search, sort and paging use the list query (q, sort, dir, page, pageSize).

export const API_ANALYTICS_RANGES = ["24h", "7d", "30d"] as const;
export type TApiAnalyticsRange = (typeof API_ANALYTICS_RANGES)[number];

export const API_ANALYTICS_RANGE_LABELS: Record<TApiAnalyticsRange, string> = {
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
};

/** How far back each range reaches, and the width of one chart point. */
export const API_ANALYTICS_RANGE_SPEC: Record<TApiAnalyticsRange, { ms: number; bucket: "hour" | "day" }> = {
  "24h": { ms: 24 * 3_600_000, bucket: "hour" },
  "7d": { ms: 7 * 86_400_000, bucket: "hour" },
  "30d": { ms: 30 * 86_400_000, bucket: "day" },
};

export const DEFAULT_IDLE_DAYS = 30;
export const MAX_IDLE_DAYS = 365;

const id = z.string().trim().min(1).max(64);

export const ZApiAnalyticsFilters = z.object({
  /** ApiProduct.key */
  product: z.string().trim().max(64).optional(),
  /** ApiVersion.id */
  version: id.optional(),
  /** Environment.key */
  env: z.string().trim().max(64).optional(),
  /** ApiConsumer.id */
  consumer: id.optional(),
  range: z.enum(API_ANALYTICS_RANGES).default("7d"),
  /** Endpoints with no calls in this many days are underused. */
  idle: z.coerce.number().int().min(1).max(MAX_IDLE_DAYS).default(DEFAULT_IDLE_DAYS),
});
export type TApiAnalyticsFilters = z.output<typeof ZApiAnalyticsFilters>;

type TSearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

/**
 * Reads the filters from URL search params. A hand-edited value that does not parse is dropped on its
 * own (the rest still applies) rather than turning into an error page.
 */
export function parseApiAnalyticsFilters(params: TSearchParams): TApiAnalyticsFilters {
  const get = (k: string) => {
    const v = params instanceof URLSearchParams ? params.get(k) : params[k];
    const s = Array.isArray(v) ? v[0] : v;
    return s === null || s === undefined || s === "" ? undefined : s;
  };
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ZApiAnalyticsFilters.shape) as (keyof TApiAnalyticsFilters)[]) {
    const value = get(key);
    if (value === undefined) continue;
    const one = ZApiAnalyticsFilters.shape[key].safeParse(value);
    if (one.success) raw[key] = value;
  }
  return ZApiAnalyticsFilters.parse(raw);
}

/** The filters as URL params (defaults left out), for links between the analytics views. */
export function apiAnalyticsParams(filters: Partial<TApiAnalyticsFilters>): URLSearchParams {
  const p = new URLSearchParams();
  if (filters.product) p.set("product", filters.product);
  if (filters.version) p.set("version", filters.version);
  if (filters.env) p.set("env", filters.env);
  if (filters.consumer) p.set("consumer", filters.consumer);
  if (filters.range && filters.range !== "7d") p.set("range", filters.range);
  if (filters.idle && filters.idle !== DEFAULT_IDLE_DAYS) p.set("idle", String(filters.idle));
  return p;
}
