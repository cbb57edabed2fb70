import type pg from "pg";
import type { TLog } from "@/lib/engine/runtime/context";

/** A deprecated flow as the gateway answers it: its dates, where to go instead, and its brownout windows. */
export type TRetirementNotice = {
  deprecatedAt: number;
  sunsetAt: number;
  replacement: string;
  /** Brownout windows not over at load time, epoch ms [start, end). */
  windows: [number, number][];
};

type TRow = {
  flowId: string;
  deprecatedAt: number;
  sunsetAt: number;
  replacement: string;
  windows: [number, number][] | null;
};

/**
 * Deprecated flows with their brownout windows, loaded from Postgres into memory every `refreshMs`
 * (and on `refresh()`), so the gateway's hot path never queries per request. A retirement of an
 * interface covers every flow that implements it; a flow under two retirements gets the earliest
 * dates and all windows.
 */
export class RetirementCache {
  private byFlow = new Map<string, TRetirementNotice>();
  private timer: NodeJS.Timeout | null = null;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly opts: { refreshMs: number; log: TLog },
  ) {}

  async start(): Promise<void> {
    await this.refresh().catch((error: unknown) =>
      this.opts.log.warn({ err: String(error) }, "loading retirements failed; retrying on the next refresh"),
    );
    this.timer = setInterval(
      () =>
        void this.refresh().catch((error: unknown) =>
          this.opts.log.warn({ err: String(error) }, "refreshing retirements failed; keeping the last ones loaded"),
        ),
      this.opts.refreshMs,
    );
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Reloads now; concurrent callers share one load. A failed load keeps the previous notices. */
  refresh(): Promise<void> {
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(): Promise<void> {
    // Epoch ms computed in SQL: the columns are UTC timestamps without a zone, which pg would read as local time.
    const r = await this.pool.query<TRow>(
      `SELECT f."id" AS "flowId",
              (extract(epoch FROM r."deprecatedAt") * 1000)::float8 AS "deprecatedAt",
              (extract(epoch FROM r."sunsetAt") * 1000)::float8 AS "sunsetAt",
              r."replacement",
              (SELECT json_agg(json_build_array(extract(epoch FROM b."startsAt") * 1000, extract(epoch FROM b."endsAt") * 1000) ORDER BY b."startsAt")
               FROM "RetirementBrownout" b
               WHERE b."retirementId" = r."id" AND b."endsAt" > (now() AT TIME ZONE 'UTC')) AS "windows"
       FROM "Retirement" r
       JOIN "Flow" f ON (r."subjectKind" = 'flow' AND f."id" = r."subjectId")
                     OR (r."subjectKind" = 'interface' AND f."interfaceId" = r."subjectId")
       WHERE r."status" = 'deprecated'
       ORDER BY r."deprecatedAt", r."id"`,
    );
    const next = new Map<string, TRetirementNotice>();
    for (const row of r.rows) {
      const windows = (row.windows ?? []).map(([s, e]): [number, number] => [Number(s), Number(e)]);
      const cur = next.get(row.flowId);
      if (!cur) {
        next.set(row.flowId, {
          deprecatedAt: Number(row.deprecatedAt),
          sunsetAt: Number(row.sunsetAt),
          replacement: row.replacement,
          windows,
        });
        continue;
      }
      cur.deprecatedAt = Math.min(cur.deprecatedAt, Number(row.deprecatedAt));
      cur.sunsetAt = Math.min(cur.sunsetAt, Number(row.sunsetAt));
      cur.replacement ||= row.replacement;
      cur.windows.push(...windows);
    }
    this.byFlow = next;
  }

  /** The flow's deprecation, if any, and the end of the brownout it is in at `now` (null outside one). */
  noticeFor(flowId: string, now = Date.now()): { notice: TRetirementNotice; brownoutEndsAt: number | null } | null {
    const notice = this.byFlow.get(flowId);
    if (!notice) return null;
    let end: number | null = null;
    for (const [s, e] of notice.windows) if (s <= now && now < e && (end === null || e > end)) end = e;
    return { notice, brownoutEndsAt: end };
  }
}

function isHttpUrl(s: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(s).protocol);
  } catch {
    return false;
  }
}

/**
 * Deprecation (RFC 9745: `@<unix seconds>`), Sunset (RFC 8594: an HTTP date) and, when the replacement
 * is a URL, a Link to it as the successor version.
 */
export function deprecationHeaders(n: TRetirementNotice): Record<string, string> {
  return {
    deprecation: `@${Math.floor(n.deprecatedAt / 1000)}`,
    sunset: new Date(n.sunsetAt).toUTCString(),
    ...(isHttpUrl(n.replacement) ? { link: `<${n.replacement}>; rel="successor-version"` } : {}),
  };
}

/** What a caller reads in a brownout's 503: until when, the sunset, and where to go instead. */
export function brownoutDetail(flowName: string, n: TRetirementNotice, endsAt: number): string {
  const sunset = new Date(n.sunsetAt).toISOString().slice(0, 10);
  const instead = n.replacement ? ` Use ${n.replacement} instead.` : "";
  return `The input of ${flowName} is deprecated and in a brownout until ${new Date(endsAt).toISOString()}; it is sunset on ${sunset}.${instead}`;
}
