import type pg from "pg";
import { API_GATEWAY_CHANNEL } from "@/lib/apis/gateway-channel";
import type { TLog } from "@/lib/engine/runtime/context";
import { loadRoutes, type TDocumentCache } from "./load-routes";
import { routeKey, type TApiRoute, type TApiVersionEntry, type TRouteSnapshot } from "./route-types";

/** What RouteTable needs from the engine's LISTEN connection (PgListener). */
export type TNotifications = {
  listen(channel: string): Promise<void>;
  on(event: string, fn: () => void): unknown;
  off(event: string, fn: () => void): unknown;
};

export type TRouteTableOptions = {
  /** Fallback reload interval; NOTIFY on switchboard_apis is the fast path. */
  refreshMs: number;
  log: TLog;
  listener?: TNotifications;
};

const EMPTY: TRouteSnapshot = {
  versions: new Map(),
  routes: new Map(),
  keys: new Map(),
  consumers: new Map(),
  subjects: new Map(),
  environments: new Map(),
  loadedAt: 0,
};

/**
 * The API gateway's view of Postgres, in memory: deployed revisions per version and environment, the
 * versions' lifecycle, keys and consumers. Reloaded whole on a NOTIFY (services call notifyApiGateway in
 * every transaction that changes what is served) and every `refreshMs` in case a notice was missed; a
 * failed reload keeps the last table, so an outage of the database does not take the APIs down.
 */
export class RouteTable {
  private snap: TRouteSnapshot = EMPTY;
  private readonly documents: TDocumentCache = new Map();
  private timer: NodeJS.Timeout | null = null;
  private loading: Promise<void> | null = null;
  private again = false;
  /** Deployment id → the refusal reason logged, so each is logged once (again only when it changes). */
  private readonly refusedLogged = new Map<string, string>();
  private readonly onNotice = () => void this.refresh().catch(() => undefined);

  constructor(
    private readonly pool: pg.Pool,
    private readonly opts: TRouteTableOptions,
  ) {}

  async start(): Promise<void> {
    if (this.opts.listener) {
      this.opts.listener.on(API_GATEWAY_CHANNEL, this.onNotice);
      this.opts.listener.on("reconnected", this.onNotice);
      await this.opts.listener.listen(API_GATEWAY_CHANNEL);
    }
    await this.refresh().catch(() => undefined);
    this.timer = setInterval(this.onNotice, this.opts.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.opts.listener?.off(API_GATEWAY_CHANNEL, this.onNotice);
    this.opts.listener?.off("reconnected", this.onNotice);
  }

  get snapshot(): TRouteSnapshot {
    return this.snap;
  }

  /**
   * Reloads now. A notice that arrives while a load runs triggers one more load after it (the change
   * may have committed after the running load read its rows); concurrent callers share the loads.
   * Rejects when the load failed; the previous table stays.
   */
  refresh(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    const run = async (): Promise<void> => {
      try {
        do {
          this.again = false;
          await this.load();
        } while (this.again);
      } finally {
        this.loading = null;
      }
    };
    this.loading = run();
    return this.loading;
  }

  private async load(): Promise<void> {
    try {
      const { snapshot, refused } = await loadRoutes(this.pool, this.documents);
      this.snap = snapshot;
      const seen = new Set<string>();
      for (const r of refused) {
        seen.add(r.deploymentId);
        if (this.refusedLogged.get(r.deploymentId) === r.reason) continue;
        this.refusedLogged.set(r.deploymentId, r.reason);
        this.opts.log.warn(
          { deploymentId: r.deploymentId, api: r.what, reason: r.reason },
          "API deployment not served",
        );
      }
      for (const id of this.refusedLogged.keys()) if (!seen.has(id)) this.refusedLogged.delete(id);
    } catch (error) {
      this.opts.log.warn({ err: String(error) }, "loading API routes failed; keeping the last ones loaded");
      throw error;
    }
  }

  version(product: string, major: number): TApiVersionEntry | undefined {
    return this.snap.versions.get(`${product}/v${major}`);
  }

  route(apiVersionId: string, environmentKey: string): TApiRoute | undefined {
    return this.snap.routes.get(routeKey(apiVersionId, environmentKey));
  }
}
