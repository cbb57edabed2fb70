import type { RuleSetSource, TDeployedRuleSet } from "@/lib/engine/core/quality/rules";
import { RULE_SETS_CHANNEL } from "@/lib/quality/rules/channel";
import type { TRuleCheckReport } from "@/lib/quality/rules/observer";
import type { TRunContext } from "../context";
import type { TQualityHost, TQualityPart } from "./index";

export type TRuleSetsOptions = {
  now?: () => number;
  /** How often counts and samples are written (batched). */
  flushMs?: number;
  /** Records kept per rule set and environment for the impact preview. */
  sampleSize?: number;
};

type TEnvCache = { loadedAt: number; byKey: Map<string, TDeployedRuleSet>; loading: Promise<void> | null };
type TMinuteKey = string;
type TCounts = { flowId: string; environmentId: string; ruleSetKey: string; stepId: string; minute: number } & {
  records: number;
  passed: number;
  failed: number;
};
type TSampleRow = {
  ruleSetKey: string;
  environmentId: string;
  flowId: string;
  stepId: string;
  record: unknown;
  seenAt: string;
};

const MINUTE_MS = 60_000;

/**
 * The engine side of rule sets: the versions deployed per environment (loaded in one query, cached,
 * dropped on the portal's NOTIFY and reloaded after pollMs at the latest), and what validate steps
 * report: per-minute counts (QualityCheckMinute) and the bounded record sample (QualityRecordSample),
 * both written in batches off the message path.
 */
export class PgRuleSets {
  private readonly envs = new Map<string, TEnvCache>();
  private counts = new Map<TMinuteKey, TCounts>();
  private samples: TSampleRow[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private readonly sampleSize: number;

  constructor(
    private readonly host: Pick<TQualityHost, "pool" | "log" | "listener" | "pollMs">,
    private readonly opts: TRuleSetsOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.sampleSize = opts.sampleSize ?? 1_000;
  }

  /** A deployment's view: its environment's rule sets, and a recorder that tags reports with the flow. */
  forDeployment(ctx: TRunContext): Required<RuleSetSource> {
    return {
      get: (key) => this.get(ctx.environmentId, key),
      recordChecks: (report) => this.record(ctx, report),
    };
  }

  async get(environmentId: string, key: string): Promise<TDeployedRuleSet | null> {
    let cache = this.envs.get(environmentId);
    if (!cache || this.now() - cache.loadedAt >= this.host.pollMs) cache = await this.load(environmentId);
    return cache.byKey.get(key) ?? null;
  }

  /** Forgets an environment's rule sets (or all): the next get reloads them. */
  invalidate(environmentId?: string): void {
    if (environmentId) this.envs.delete(environmentId);
    else this.envs.clear();
  }

  private async load(environmentId: string): Promise<TEnvCache> {
    const existing = this.envs.get(environmentId);
    if (existing?.loading) {
      await existing.loading;
      return this.envs.get(environmentId) ?? existing;
    }
    const entry: TEnvCache = existing ?? { loadedAt: 0, byKey: new Map(), loading: null };
    entry.loading = (async () => {
      const { rows } = await this.host.pool.query<{
        key: string;
        versionId: string;
        number: number;
        contentHash: string;
        document: unknown;
      }>(
        `SELECT s."key", v."id" AS "versionId", v."number", v."contentHash", v."document"
           FROM "QualityRuleSetDeployment" d
           JOIN "QualityRuleSetVersion" v ON v."id" = d."versionId"
           JOIN "QualityRuleSet" s ON s."id" = d."ruleSetId"
          WHERE d."environmentId" = $1 AND d."activeSlot" IS NOT NULL AND s."archivedAt" IS NULL`,
        [environmentId],
      );
      entry.byKey = new Map(
        rows.map((r) => [
          r.key,
          { key: r.key, versionId: r.versionId, version: r.number, contentHash: r.contentHash, document: r.document },
        ]),
      );
      entry.loadedAt = this.now();
    })();
    this.envs.set(environmentId, entry);
    try {
      await entry.loading;
    } finally {
      entry.loading = null;
    }
    return entry;
  }

  private record(ctx: TRunContext, r: TRuleCheckReport): void {
    const now = this.now();
    const minute = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    const k = `${ctx.flowId}\u0000${ctx.environmentId}\u0000${r.ruleSetKey}\u0000${r.stepId}\u0000${minute}`;
    const c = this.counts.get(k) ?? {
      flowId: ctx.flowId,
      environmentId: ctx.environmentId,
      ruleSetKey: r.ruleSetKey,
      stepId: r.stepId,
      minute,
      records: 0,
      passed: 0,
      failed: 0,
    };
    c.records += r.passed + r.failed;
    c.passed += r.passed;
    c.failed += r.failed;
    this.counts.set(k, c);
    const seenAt = new Date(now).toISOString();
    // Only the newest sampleSize per rule set can survive the trim: older ones of a big message are skipped.
    for (const record of r.records.slice(-this.sampleSize))
      this.samples.push({
        ruleSetKey: r.ruleSetKey,
        environmentId: ctx.environmentId,
        flowId: ctx.flowId,
        stepId: r.stepId,
        record: record === undefined ? null : record,
        seenAt,
      });
    if (this.samples.length > this.sampleSize * 10) this.samples.splice(0, this.samples.length - this.sampleSize * 10);
  }

  /** Writes what validate steps reported since the last flush; a failed write is logged and its counts kept. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    const counts = [...this.counts.values()];
    const samples = this.samples;
    this.counts = new Map();
    this.samples = [];
    try {
      if (counts.length)
        await this.host.pool.query(
          `INSERT INTO "QualityCheckMinute" ("flowId", "environmentId", "ruleSetKey", "stepId", "minute", "records", "passed", "failed")
           SELECT x."flowId", x."environmentId", x."ruleSetKey", x."stepId", to_timestamp(x."minute" / 1000.0), x."records", x."passed", x."failed"
             FROM jsonb_to_recordset($1::jsonb) AS x("flowId" text, "environmentId" text, "ruleSetKey" text, "stepId" text,
               "minute" bigint, "records" int, "passed" int, "failed" int)
           ON CONFLICT ("flowId", "environmentId", "ruleSetKey", "stepId", "minute") DO UPDATE SET
             "records" = "QualityCheckMinute"."records" + EXCLUDED."records",
             "passed" = "QualityCheckMinute"."passed" + EXCLUDED."passed",
             "failed" = "QualityCheckMinute"."failed" + EXCLUDED."failed"`,
          [JSON.stringify(counts)],
        );
    } catch (error) {
      this.host.log.warn({ err: error, rows: counts.length }, "rule-check counts not written; kept for the next flush");
      for (const c of counts) this.merge(c);
    }
    if (!samples.length) return;
    try {
      await this.writeSamples(samples);
    } catch (error) {
      // The sample only feeds the impact preview: dropping a batch loses nothing that matters.
      this.host.log.warn({ err: error, rows: samples.length }, "rule-check record sample not written");
    }
  }

  private merge(c: TCounts): void {
    const k = `${c.flowId}\u0000${c.environmentId}\u0000${c.ruleSetKey}\u0000${c.stepId}\u0000${c.minute}`;
    const cur = this.counts.get(k);
    if (!cur) return void this.counts.set(k, c);
    cur.records += c.records;
    cur.passed += c.passed;
    cur.failed += c.failed;
  }

  private async writeSamples(samples: TSampleRow[]): Promise<void> {
    await this.host.pool.query(
      `INSERT INTO "QualityRecordSample" ("ruleSetKey", "environmentId", "flowId", "stepId", "record", "seenAt")
       SELECT x."ruleSetKey", x."environmentId", x."flowId", x."stepId", x."record", x."seenAt"
         FROM jsonb_to_recordset($1::jsonb) AS x("ruleSetKey" text, "environmentId" text, "flowId" text, "stepId" text,
           "record" jsonb, "seenAt" timestamptz)`,
      [JSON.stringify(samples)],
    );
    const touched = [...new Set(samples.map((s) => `${s.ruleSetKey}\u0000${s.environmentId}`))].map((k) =>
      k.split("\u0000"),
    );
    // Keep the newest sampleSize per rule set and environment.
    await this.host.pool.query(
      `DELETE FROM "QualityRecordSample" q
        USING (SELECT t.k AS "ruleSetKey", t.e AS "environmentId",
                      (SELECT s."id" FROM "QualityRecordSample" s
                        WHERE s."ruleSetKey" = t.k AND s."environmentId" = t.e
                        ORDER BY s."id" DESC OFFSET $3 LIMIT 1) AS "cutoff"
                 FROM unnest($1::text[], $2::text[]) AS t(k, e)) c
        WHERE q."ruleSetKey" = c."ruleSetKey" AND q."environmentId" = c."environmentId" AND q."id" <= c."cutoff"`,
      [touched.map((t) => t[0]), touched.map((t) => t[1]), this.sampleSize],
    );
  }

  async start(): Promise<void> {
    this.host.listener.on(RULE_SETS_CHANNEL, (payload: string) => this.invalidate(payload || undefined));
    this.host.listener.on("reconnected", () => this.invalidate());
    await this.host.listener.listen(RULE_SETS_CHANNEL);
    this.timer = setInterval(() => void this.flush(), this.opts.flushMs ?? 1_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }
}

/** The rule-set part of the engine's quality services (lib/engine/runtime/quality/index.ts). */
export function ruleSetsPart(host: TQualityHost, opts?: TRuleSetsOptions): TQualityPart & { ruleSets: PgRuleSets } {
  const ruleSets = new PgRuleSets(host, opts);
  return {
    ruleSets,
    forDeployment: (ctx) => ({ ruleSets: ruleSets.forDeployment(ctx) }),
    start: () => ruleSets.start(),
    stop: () => ruleSets.stop(),
  };
}
