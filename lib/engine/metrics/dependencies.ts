import type { Queryable, TObservedEndpoint } from "@/lib/engine/core/contracts";

/** Where an endpoint or caller goes once a flow has seen too many distinct ones (see `fold`). */
export const OVERFLOW = "(other)";

/** Distinct (direction, endpoint, caller) keys kept per flow and environment before new ones are folded. */
export const DEFAULT_MAX_KEYS_PER_FLOW = 100;

type TEntry = {
  flowId: string;
  environmentId: string;
  direction: TObservedEndpoint["direction"];
  endpointKind: TObservedEndpoint["endpointKind"];
  endpoint: string;
  caller: string;
  messages: number;
  firstSeenAt: number;
  lastSeenAt: number;
};

type TKnown = { keys: Set<string>; endpoints: Set<string> };

type TLog = { warn(obj: object, msg?: string): void };

const SEP = "\u0000";

/**
 * The systems each flow exchanged messages with, counted in memory and added into ObservedDependency
 * on each metrics flush (messages summed, first/last seen widened), so several engines can write the
 * same rows and no message costs a database write.
 *
 * Memory stays bounded: per flow and environment at most `maxKeysPerFlow` distinct keys are kept as
 * they are. Past that, a new caller of an endpoint already seen is folded into caller "(other)", and
 * a new endpoint into endpoint "(other)"; the flow is logged once. The keys seen so far outlive a
 * flush, so the cap also bounds the rows one engine adds per flow.
 */
export class DependencyAggregator {
  private entries = new Map<string, TEntry>();
  private readonly known = new Map<string, TKnown>();
  private readonly warned = new Set<string>();
  private readonly maxKeysPerFlow: number;

  constructor(
    private readonly db: Queryable,
    private readonly opts: { maxKeysPerFlow?: number; log?: TLog } = {},
  ) {
    this.maxKeysPerFlow = opts.maxKeysPerFlow ?? DEFAULT_MAX_KEYS_PER_FLOW;
  }

  /** Entries waiting for the next flush. */
  get size(): number {
    return this.entries.size;
  }

  observe(flowId: string, environmentId: string, e: TObservedEndpoint, messages = 1, at = Date.now()): void {
    const { endpoint, caller } = this.fold(flowId, environmentId, e.direction, e.endpoint, e.caller ?? "");
    const id = [flowId, environmentId, e.direction, endpoint, caller].join(SEP);
    const cur = this.entries.get(id);
    if (cur) {
      cur.messages += messages;
      cur.firstSeenAt = Math.min(cur.firstSeenAt, at);
      cur.lastSeenAt = Math.max(cur.lastSeenAt, at);
      return;
    }
    this.entries.set(id, {
      flowId,
      environmentId,
      direction: e.direction,
      endpointKind: e.endpointKind,
      endpoint,
      caller,
      messages,
      firstSeenAt: at,
      lastSeenAt: at,
    });
  }

  private fold(
    flowId: string,
    environmentId: string,
    direction: string,
    endpoint: string,
    caller: string,
  ): { endpoint: string; caller: string } {
    const flowKey = `${flowId}${SEP}${environmentId}`;
    let known = this.known.get(flowKey);
    if (!known) this.known.set(flowKey, (known = { keys: new Set(), endpoints: new Set() }));
    const endpointKey = `${direction}${SEP}${endpoint}`;
    const key = `${endpointKey}${SEP}${caller}`;
    if (known.keys.has(key)) return { endpoint, caller };
    if (known.keys.size < this.maxKeysPerFlow) {
      known.keys.add(key);
      known.endpoints.add(endpointKey);
      return { endpoint, caller };
    }
    if (!this.warned.has(flowKey)) {
      this.warned.add(flowKey);
      this.opts.log?.warn(
        { flowId, environmentId, limit: this.maxKeysPerFlow },
        `a flow met more distinct endpoints or callers than the limit; further new ones are counted as "${OVERFLOW}"`,
      );
    }
    // At most one extra key per endpoint already kept (its "(other)" callers), plus two per direction.
    const folded = caller ? OVERFLOW : "";
    if (known.endpoints.has(endpointKey)) {
      known.keys.add(`${endpointKey}${SEP}${folded}`);
      return { endpoint, caller: folded };
    }
    known.keys.add(`${direction}${SEP}${OVERFLOW}${SEP}${folded}`);
    return { endpoint: OVERFLOW, caller: folded };
  }

  /**
   * Adds everything observed since the last flush in one statement (rows in key order, so engines
   * flushing at once lock rows in the same order). Rows of flows or environments deleted meanwhile are
   * dropped rather than failing the batch. On failure the entries are merged back for the next flush.
   */
  async flush(): Promise<number> {
    if (!this.entries.size) return 0;
    const taken = this.entries;
    this.entries = new Map();
    const rows = [...taken.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
    try {
      const r = await this.db.query(
        `INSERT INTO "ObservedDependency" ("id", "flowId", "environmentId", "direction", "endpointKind", "endpoint", "caller", "messages", "firstSeenAt", "lastSeenAt")
         SELECT gen_random_uuid()::text, u.flow, u.env, u.direction::"DependencyDirection", u.kind, u.endpoint, u.caller, u.messages,
                to_timestamp(u.first / 1000) AT TIME ZONE 'UTC', to_timestamp(u.last / 1000) AT TIME ZONE 'UTC'
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int8[], $8::float8[], $9::float8[])
              WITH ORDINALITY AS u(flow, env, direction, kind, endpoint, caller, messages, first, last, ord)
         WHERE EXISTS (SELECT 1 FROM "Flow" f WHERE f."id" = u.flow)
           AND EXISTS (SELECT 1 FROM "Environment" e WHERE e."id" = u.env)
         ORDER BY u.ord
         ON CONFLICT ("flowId", "environmentId", "direction", "endpoint", "caller") DO UPDATE SET
           "messages" = "ObservedDependency"."messages" + EXCLUDED."messages",
           "firstSeenAt" = LEAST("ObservedDependency"."firstSeenAt", EXCLUDED."firstSeenAt"),
           "lastSeenAt" = GREATEST("ObservedDependency"."lastSeenAt", EXCLUDED."lastSeenAt")`,
        [
          rows.map((e) => e.flowId),
          rows.map((e) => e.environmentId),
          rows.map((e) => e.direction),
          rows.map((e) => e.endpointKind),
          rows.map((e) => e.endpoint),
          rows.map((e) => e.caller),
          rows.map((e) => e.messages),
          rows.map((e) => e.firstSeenAt),
          rows.map((e) => e.lastSeenAt),
        ],
      );
      return r.rowCount ?? rows.length;
    } catch (error) {
      for (const [id, e] of taken) this.merge(id, e);
      throw error;
    }
  }

  private merge(id: string, e: TEntry): void {
    const cur = this.entries.get(id);
    if (!cur) return void this.entries.set(id, e);
    cur.messages += e.messages;
    cur.firstSeenAt = Math.min(cur.firstSeenAt, e.firstSeenAt);
    cur.lastSeenAt = Math.max(cur.lastSeenAt, e.lastSeenAt);
  }
}
