// Demo API traffic, so the API analytics are not empty on first start: 30 days of ApiCallMinute rows
// (one row per hour, at minute :07) for every API version deployed in an environment, called by the
// consumers whose keys cover that version there (the APIs and consumers seeds run first). THE
// HISTORY IS DEMO DATA: it exists only in this seed; a real installation's rows come from the gateway.
//
// The story it tells: reads (GET) are fast, writes take two to several seconds (so the sync/async
// advisor says async for a consumer that tolerates 2 s); a consumer holding keys to two majors of a product in one environment
// moved to the newer one (calls to the older stop 12 days ago, the newer start 14 days ago); in
// production the last write operation of a version is never called (an underused endpoint); a few
// unidentified callers are refused with 401s. Idempotent: a (version, environment) that has rows already
// (seeded or real) is left alone.
import type { Actor } from "../../lib/auth/actor";
import { ZApiDocument } from "../../lib/apis/document";
import { listOperations, operationLabel } from "../../lib/apis/openapi/operations";
import { db } from "../../lib/db";
import { BUCKET_COUNT, bucketIndex } from "../../lib/engine/metrics/buckets";

const HISTORY_DAYS = 30;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Rows sit at this minute of each hour. */
const MINUTE_OF_HOUR = 7;
/** Calls per hour at the daily peak, per consumer and operation. */
const PEAK_CALLS: Record<string, number> = { prod: 90, test: 12, dev: 6 };
const MOVED_AWAY_DAYS = 12;
const MOVED_IN_DAYS = 14;

/** A repeatable 0..1 value, so a re-seeded database gets the same history. */
function noise(key: string): number {
  let h = 2166136261;
  for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

/** Office hours in UTC peak at 1.0, nights fall to 0.15, weekends to 40 %. */
function shape(at: Date): number {
  const hour = at.getUTCHours();
  const daytime = hour >= 7 && hour < 19 ? 1 : hour >= 5 && hour < 22 ? 0.5 : 0.15;
  const weekday = at.getUTCDay();
  return daytime * (weekday === 0 || weekday === 6 ? 0.4 : 1);
}

/**
 * Spreads `calls` over the latency buckets around a median: half at the median, 40 % at twice it,
 * 8 % at five times, 2 % at ten times (a long tail, as real backends have).
 */
export function latencyBuckets(calls: number, medianMs: number): { buckets: number[]; sumMs: number } {
  const buckets = new Array<number>(BUCKET_COUNT).fill(0);
  const parts: [number, number][] = [
    [medianMs * 2, 0.4],
    [medianMs * 5, 0.08],
    [medianMs * 10, 0.02],
  ];
  let left = calls;
  let sumMs = 0;
  for (const [ms, share] of parts) {
    const n = Math.floor(calls * share);
    buckets[bucketIndex(ms)] += n;
    sumMs += n * ms;
    left -= n;
  }
  buckets[bucketIndex(medianMs)] += left;
  sumMs += left * medianMs;
  return { buckets, sumMs };
}

type TRow = {
  apiVersionId: string;
  environmentId: string;
  operation: string;
  consumerId: string;
  minute: Date;
  calls: number;
  clientErrors: number;
  serverErrors: number;
  rateLimited: number;
  latencyBuckets: number[];
  latencySumMs: number;
};

const isWrite = (operation: string) => !operation.startsWith("GET ") && !operation.startsWith("HEAD ");

export async function seedApiAnalytics(_actor: Actor, now = new Date()): Promise<void> {
  const deployments = await db().apiDeployment.findMany({
    where: { activeSlot: { not: null }, apiVersion: { lifecycle: { in: ["published", "deprecated"] } } },
    select: {
      apiVersionId: true,
      environmentId: true,
      environment: { select: { key: true, isProduction: true } },
      revision: { select: { document: true } },
      apiVersion: { select: { major: true, productId: true } },
    },
  });
  if (!deployments.length) {
    console.log("API analytics seed: no deployed API versions yet; nothing to add.");
    return;
  }
  const keys = await db().apiKey.findMany({
    where: { revokedAt: null, consumer: { disabledAt: null } },
    select: { consumerId: true, environmentId: true, scopes: { select: { apiVersionId: true } } },
  });
  const majorOf = new Map(deployments.map((d) => [d.apiVersionId, d.apiVersion]));
  const end = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const start = end - HISTORY_DAYS * DAY_MS;
  let written = 0;

  for (const d of deployments) {
    const has = await db().apiCallMinute.count({
      where: { apiVersionId: d.apiVersionId, environmentId: d.environmentId },
    });
    if (has > 0) continue;
    const parsed = ZApiDocument.safeParse(d.revision.document);
    if (!parsed.success) continue;
    const operations = listOperations(parsed.data.openapi).map(operationLabel).sort();
    if (!operations.length) continue;
    // In production the last write operation (or the last one) stays uncalled: an underused endpoint.
    const idle =
      d.environment.isProduction && operations.length > 1
        ? (operations.filter(isWrite).at(-1) ?? operations.at(-1))
        : null;
    const called = operations.filter((o) => o !== idle);

    const consumers = [
      ...new Set(
        keys
          .filter((k) => k.environmentId === d.environmentId && k.scopes.some((s) => s.apiVersionId === d.apiVersionId))
          .map((k) => k.consumerId),
      ),
    ];
    const rows: TRow[] = [];
    const peak = PEAK_CALLS[d.environment.key] ?? 6;
    for (const consumerId of consumers) {
      // The consumer's other majors of this product in this environment: it is migrating between them.
      const majors = keys
        .filter((k) => k.consumerId === consumerId && k.environmentId === d.environmentId)
        .flatMap((k) => k.scopes.map((s) => majorOf.get(s.apiVersionId)))
        .filter((v) => v && v.productId === d.apiVersion.productId)
        .map((v) => v!.major);
      const newest = Math.max(...majors);
      const oldest = Math.min(...majors);
      const from =
        newest > oldest && d.apiVersion.major === newest ? Math.max(start, end - MOVED_IN_DAYS * DAY_MS) : start;
      const until = newest > oldest && d.apiVersion.major < newest ? end - MOVED_AWAY_DAYS * DAY_MS : end;
      for (let t = from; t <= until; t += HOUR_MS) {
        const at = new Date(t + MINUTE_OF_HOUR * 60_000);
        if (at > now) break;
        called.forEach((operation, i) => {
          const r = noise(`${d.apiVersionId}|${d.environmentId}|${consumerId}|${operation}|${t}`);
          const weight = isWrite(operation) ? 0.25 : 1 / (1 + i * 0.5);
          const calls = Math.round(peak * weight * shape(at) * (0.7 + 0.6 * r));
          if (calls <= 0) return;
          const median = isWrite(operation) ? 1_800 + Math.round(r * 1_200) : 15 + Math.round(r * 20);
          const { buckets, sumMs } = latencyBuckets(calls, median);
          const serverErrors = r > 0.97 ? Math.max(1, Math.round(calls * 0.05)) : 0;
          const rateLimited = d.environment.isProduction && shape(at) === 1 && r > 0.9 ? Math.round(calls * 0.03) : 0;
          const clientErrors = Math.min(calls - serverErrors - rateLimited, Math.round(calls * 0.02 * (0.5 + r)));
          rows.push({
            apiVersionId: d.apiVersionId,
            environmentId: d.environmentId,
            operation,
            consumerId,
            minute: at,
            calls,
            clientErrors,
            serverErrors,
            rateLimited,
            latencyBuckets: buckets,
            latencySumMs: sumMs,
          });
        });
      }
    }
    // Refused before a consumer was identified: a bad or missing key now and then, in production.
    if (d.environment.isProduction && called.length)
      for (let t = start; t <= end; t += 6 * HOUR_MS) {
        const at = new Date(t + MINUTE_OF_HOUR * 60_000);
        if (at > now) break;
        const calls = 1 + Math.floor(noise(`anon|${d.apiVersionId}|${t}`) * 4);
        const { buckets, sumMs } = latencyBuckets(calls, 2);
        rows.push({
          apiVersionId: d.apiVersionId,
          environmentId: d.environmentId,
          operation: called[0],
          consumerId: "",
          minute: at,
          calls,
          clientErrors: calls,
          serverErrors: 0,
          rateLimited: 0,
          latencyBuckets: buckets,
          latencySumMs: sumMs,
        });
      }
    for (let i = 0; i < rows.length; i += 2_000)
      await db().apiCallMinute.createMany({ data: rows.slice(i, i + 2_000), skipDuplicates: true });
    written += rows.length;
  }
  console.log(`API analytics seed: ${written.toLocaleString("en-US")} hourly rows of demo traffic.`);
}
