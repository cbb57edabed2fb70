import type pg from "pg";
import type { MaskingDeps } from "@/lib/engine/core/quality/masking";
import { createMessage, type Message } from "@/lib/engine/core/message";
import { env, readEnvSecret } from "@/lib/env";
import type { TFieldClass } from "@/lib/quality/privacy/classification";
import { flowMasks, inputClassesFor, REDACT_ALL, type TClassRow } from "@/lib/quality/privacy/flow-masks";
import { KEK_VARIABLE, resolveKek, unwrapKey, type TKek } from "@/lib/quality/privacy/kek";
import {
  applyMasks,
  hashSaltFor,
  ZMaskingPolicyDocument,
  type TCompiledMask,
  type TMaskingPolicyDocument,
  type TMaskKeys,
} from "@/lib/quality/privacy/policy";
import type { TStepLike } from "@/lib/quality/privacy/propagate";
import { Tokenizer } from "@/lib/quality/privacy/tokenize";
import type { TLog, TRunContext } from "../context";
import { directQueueName } from "../worker";
import type { TQualityHost, TQualityPart } from "./index";

// The engine side of masking. Outside production every message is masked with the policies deployed in
// its environment before its outputs; production passes clear values. What a deployment masks is
// compiled once (policies, the flow's confirmed classifications propagated through its steps, the active
// key) and recompiled when the portal NOTIFYs a change, so forOutput costs one resolved await when
// nothing applies. The same part runs the masked-dataset jobs.

/** lib/services/quality/privacy NOTIFYs these. */
export const MASKING_CHANNEL = "switchboard_masking";
export const MASKED_DATASET_CHANNEL = "switchboard_masked_datasets";
export const MASKED_HEADER = "sb-masked";

type TCompiled = { masks: TCompiledMask[]; keys: TMaskKeys | null; tag: string };

export type TMaskingStore = {
  isProduction(environmentId: string): Promise<boolean>;
  flow(
    flowId: string,
    flowVersionId: string,
  ): Promise<{ name: string; steps: TStepLike[]; classes: TFieldClass[] } | null>;
  policies(environmentId: string): Promise<TMaskingPolicyDocument[]>;
  keys(): Promise<TMaskKeys | null>;
};

export function pgMaskingStore(pool: pg.Pool, kek: () => TKek): TMaskingStore {
  return {
    async isProduction(environmentId) {
      const r = await pool.query(`SELECT "isProduction", "key" FROM "Environment" WHERE "id" = $1`, [environmentId]);
      const row = r.rows[0] as { isProduction: boolean; key: string } | undefined;
      // An environment the engine cannot find is treated as production: nothing is masked by guesswork.
      return !row || row.isProduction;
    },
    async flow(flowId, flowVersionId) {
      const f = await pool.query(
        `SELECT f."name", f."interfaceId", i."sourceSystemId", i."targetSystemId", v."spec"
         FROM "Flow" f LEFT JOIN "Interface" i ON i."id" = f."interfaceId" JOIN "FlowVersion" v ON v."id" = $2
         WHERE f."id" = $1`,
        [flowId, flowVersionId],
      );
      const row = f.rows[0] as
        | {
            name: string;
            interfaceId: string | null;
            sourceSystemId: string | null;
            targetSystemId: string | null;
            spec: { steps?: TStepLike[] };
          }
        | undefined;
      if (!row) return null;
      const systemIds = [row.sourceSystemId, row.targetSystemId].filter((s): s is string => !!s);
      const c = await pool.query(
        `SELECT "scopeKind", "scopeId", "fieldPath", "level", "tags" FROM "FieldClassification"
         WHERE "status" = 'confirmed' AND (("scopeKind" = 'flow' AND "scopeId" = $1) OR ("scopeKind" = 'interface' AND "scopeId" = $2)
           OR ("scopeKind" = 'system' AND "scopeId" = ANY($3::text[])))`,
        [flowId, row.interfaceId ?? "", systemIds],
      );
      const classes = inputClassesFor(c.rows as TClassRow[], { flowId, interfaceId: row.interfaceId, systemIds });
      return { name: row.name, steps: row.spec?.steps ?? [], classes };
    },
    async policies(environmentId) {
      const r = await pool.query(
        `SELECT v."document" FROM "MaskingPolicyDeployment" d JOIN "MaskingPolicyVersion" v ON v."id" = d."versionId"
         JOIN "MaskingPolicy" p ON p."id" = d."policyId" WHERE d."environmentId" = $1 AND d."activeSlot" IS NOT NULL ORDER BY p."key"`,
        [environmentId],
      );
      return r.rows.map((row) => ZMaskingPolicyDocument.parse(row.document));
    },
    async keys() {
      const r = await pool.query(
        `SELECT "version", "wrappedKey" FROM "TokenKey" WHERE "status" = 'active' ORDER BY "version" DESC LIMIT 1`,
      );
      const row = r.rows[0] as { version: number; wrappedKey: string } | undefined;
      if (!row) return null;
      const material = unwrapKey(row.wrappedKey, kek(), row.version);
      return { tokenizer: new Tokenizer({ version: row.version, material }), salt: hashSaltFor(material) };
    },
  };
}

/** Without a key, hash and tokenize rules redact: a value is never passed in clear for want of a key. */
const withoutKeys = (masks: TCompiledMask[]): TCompiledMask[] =>
  masks.map((m) =>
    m.mask.method === "hash" || m.mask.method === "tokenize" ? { ...m, mask: { method: "redact" } } : m,
  );

const needsKeys = (masks: TCompiledMask[]) =>
  masks.some((m) => m.mask.method === "hash" || m.mask.method === "tokenize");

/** JSON bodies only: text that parses as JSON is masked as JSON; other bodies pass unchanged. */
function jsonBody(msg: Message): { body: unknown; asText: boolean } | null {
  if (Buffer.isBuffer(msg.body)) return null;
  if (typeof msg.body !== "string") return { body: msg.body, asText: false };
  try {
    return { body: JSON.parse(msg.body), asText: true };
  } catch {
    return null;
  }
}

export class MaskingCompiler {
  private generation = 0;
  private readonly cache = new Map<
    string,
    { generation: number; value: Promise<TCompiled | null>; settled?: { compiled: TCompiled | null } }
  >();
  private keysCache: { generation: number; value: Promise<TMaskKeys | null> } | null = null;

  constructor(
    private readonly store: TMaskingStore,
    private readonly log: TLog,
  ) {}

  invalidate(): void {
    this.generation++;
  }

  keys(): Promise<TMaskKeys | null> {
    if (this.keysCache?.generation !== this.generation) {
      const value = this.store.keys();
      this.keysCache = { generation: this.generation, value };
      value.catch(() => (this.keysCache = null));
    }
    return this.keysCache.value;
  }

  /** Null in production or when nothing applies. Failed loads are not cached (the next message retries). */
  compiled(ctx: TRunContext): Promise<TCompiled | null> {
    const key = `${ctx.flowVersionId}:${ctx.environmentId}`;
    const hit = this.cache.get(key);
    if (hit?.generation === this.generation) return hit.value;
    const value = this.compile(ctx);
    const entry: { generation: number; value: Promise<TCompiled | null>; settled?: { compiled: TCompiled | null } } = {
      generation: this.generation,
      value,
    };
    this.cache.set(key, entry);
    value.then(
      (compiled) => void (entry.settled = { compiled }),
      () => this.cache.delete(key),
    );
    return value;
  }

  /** The compiled masks when already loaded for the current generation; undefined while unknown. */
  settled(ctx: TRunContext): { compiled: TCompiled | null } | undefined {
    const hit = this.cache.get(`${ctx.flowVersionId}:${ctx.environmentId}`);
    return hit?.generation === this.generation ? hit.settled : undefined;
  }

  private async compile(ctx: TRunContext): Promise<TCompiled | null> {
    if (await this.store.isProduction(ctx.environmentId)) return null;
    const [flow, policies] = await Promise.all([
      this.store.flow(ctx.flowId, ctx.flowVersionId),
      this.store.policies(ctx.environmentId),
    ]);
    if (!flow || !policies.length) return null;
    const masks = flowMasks({
      policies,
      flowName: flow.name,
      steps: flow.steps,
      inputClasses: flow.classes,
      side: "output",
    });
    if (!masks.length) return null;
    const keys = needsKeys(masks) ? await this.keys() : null;
    if (needsKeys(masks) && !keys)
      this.log.warn({ flow: flow.name }, "no token key yet: hash and tokenize masking rules redact instead");
    return { masks: keys ? masks : withoutKeys(masks), keys, tag: `${masks.length}` };
  }

  deps(ctx: TRunContext): Required<MaskingDeps> {
    return {
      forOutput: (msg) => {
        const known = this.settled(ctx);
        if (known) return known.compiled ? masked(msg, known.compiled) : msg;
        return this.compiled(ctx).then((c) => (c ? masked(msg, c) : msg));
      },
      maskKeys: () => this.keys(),
    };
  }
}

function masked(msg: Message, c: TCompiled): Message {
  const parsed = jsonBody(msg);
  if (!parsed) return msg;
  const body = applyMasks(parsed.body, c.masks, c.keys);
  return {
    ...msg,
    body: parsed.asText ? JSON.stringify(body) : body,
    headers: { ...msg.headers, [MASKED_HEADER]: c.tag },
  };
}

type TJobRow = {
  id: string;
  flowId: string;
  flowName: string;
  sourceEnvironmentId: string;
  targetEnvironmentId: string;
  source: "runs" | "dead_letters";
  limit: number;
  done: number;
  skipped: number;
};

const LEASE_MS = 60_000;
const PROGRESS_EVERY = 10;

/**
 * Runs one queued (or abandoned: lease expired) masked-dataset job: recent production payloads of the
 * flow, masked with the target environment's input-side masks (every classified field redacted when no
 * policy is deployed there), published to the flow's direct queue in the target environment so its
 * deployment processes them as inputs. Progress is written every few messages; a job resumed after a
 * crash continues after the last recorded one (at most PROGRESS_EVERY messages are published twice).
 */
export async function runMaskedDatasetJob(
  pool: pg.Pool,
  store: TMaskingStore,
  publish: (queue: string, msg: Message) => Promise<void>,
  owner: string,
): Promise<string | null> {
  const claimed = await pool.query(
    `UPDATE "MaskedDatasetJob" SET "status" = 'running', "leaseOwner" = $1, "leaseUntil" = now() + ($2 || ' milliseconds')::interval,
       "startedAt" = COALESCE("startedAt", now()), "updatedAt" = now()
     WHERE "id" = (SELECT "id" FROM "MaskedDatasetJob" WHERE "status" = 'queued' OR ("status" = 'running' AND "leaseUntil" < now())
       ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING "id", "flowId", "flowName", "sourceEnvironmentId", "targetEnvironmentId", "source", "limit", "done", "skipped"`,
    [owner, String(LEASE_MS)],
  );
  const job = claimed.rows[0] as TJobRow | undefined;
  if (!job) return null;
  const progress = (sql: string, values: unknown[]) => pool.query(sql, [job.id, ...values]);
  try {
    const target = await pool.query(`SELECT "key" FROM "Environment" WHERE "id" = $1`, [job.targetEnvironmentId]);
    const deployed = await pool.query(
      `SELECT "flowVersionId" FROM "Deployment" WHERE "flowId" = $1 AND "environmentId" = $2 AND "activeSlot" IS NOT NULL`,
      [job.flowId, job.targetEnvironmentId],
    );
    const versionId = deployed.rows[0]?.flowVersionId as string | undefined;
    if (!target.rows[0] || !versionId)
      throw new Error(`${job.flowName} is no longer deployed in the target environment.`);
    const flow = await store.flow(job.flowId, versionId);
    if (!flow) throw new Error(`${job.flowName} no longer exists.`);
    const policies = await store.policies(job.targetEnvironmentId);
    const masks = flowMasks({
      policies: policies.length ? policies : [REDACT_ALL],
      flowName: flow.name,
      steps: flow.steps,
      inputClasses: flow.classes,
      side: "input",
    });
    const keys = needsKeys(masks) ? await store.keys() : null;
    const usable = keys ? masks : withoutKeys(masks);
    const rows = (
      job.source === "runs"
        ? await pool.query(
            `SELECT "inputPayload" AS "text" FROM "MessageRun" WHERE "flowId" = $1 AND "environmentId" = $2 AND "inputPayload" IS NOT NULL
             ORDER BY "startedAt" DESC LIMIT $3`,
            [job.flowId, job.sourceEnvironmentId, job.limit],
          )
        : await pool.query(
            `SELECT "originalBody" AS "text" FROM "DeadLetter" WHERE "flowId" = $1 AND "environmentId" = $2 AND "contentEncoding" = 'utf8'
             ORDER BY "createdAt" DESC LIMIT $3`,
            [job.flowId, job.sourceEnvironmentId, job.limit],
          )
    ).rows as { text: string }[];
    await progress(`UPDATE "MaskedDatasetJob" SET "total" = $2, "updatedAt" = now() WHERE "id" = $1`, [rows.length]);
    const queue = directQueueName(job.flowName, target.rows[0].key as string);
    let done = job.done;
    let skipped = job.skipped;
    for (let i = done + skipped; i < rows.length; i++) {
      let body: unknown;
      try {
        body = JSON.parse(rows[i].text);
      } catch {
        skipped++; // not JSON: its fields cannot be masked, so it is not copied
        continue;
      }
      await publish(
        queue,
        createMessage({
          body: applyMasks(body, usable, keys),
          headers: { [MASKED_HEADER]: "dataset", "sb-masked-dataset": job.id },
        }),
      );
      done++;
      if ((done + skipped) % PROGRESS_EVERY === 0)
        await progress(
          `UPDATE "MaskedDatasetJob" SET "done" = $2, "skipped" = $3, "leaseUntil" = now() + ($4 || ' milliseconds')::interval, "updatedAt" = now() WHERE "id" = $1`,
          [done, skipped, String(LEASE_MS)],
        );
    }
    await progress(
      `UPDATE "MaskedDatasetJob" SET "status" = 'succeeded', "done" = $2, "skipped" = $3, "finishedAt" = now(), "leaseOwner" = NULL, "leaseUntil" = NULL, "updatedAt" = now() WHERE "id" = $1`,
      [done, skipped],
    );
  } catch (error) {
    await progress(
      `UPDATE "MaskedDatasetJob" SET "status" = 'failed', "error" = $2, "finishedAt" = now(), "leaseOwner" = NULL, "leaseUntil" = NULL, "updatedAt" = now() WHERE "id" = $1`,
      [error instanceof Error ? error.message.slice(0, 500) : "failed"],
    );
  }
  return job.id;
}

let kekWarned = false;

/** The engine's KEK (see resolveKek); the warning names the variable, never its value. */
export function engineKek(log: TLog): TKek {
  const kek = resolveKek({
    kek: readEnvSecret(KEK_VARIABLE),
    authSecret: env().AUTH_SECRET,
    isProduction: env().NODE_ENV === "production",
  });
  if (kek.isDerived && !kekWarned) {
    kekWarned = true;
    log.warn(
      {},
      `${KEK_VARIABLE} is not set: using a development key-encryption key derived from AUTH_SECRET. Set ${KEK_VARIABLE} outside development.`,
    );
  }
  return kek;
}

/** The masking part: per-deployment masking deps, recompiled on NOTIFY, and the masked-dataset loop. */
export function maskingPart(
  host: TQualityHost,
  store: TMaskingStore = pgMaskingStore(host.pool, () => engineKek(host.log)),
): TQualityPart {
  const compiler = new MaskingCompiler(store, host.log);
  const owner = `engine-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  const onChange = () => compiler.invalidate();
  const wake = () => {
    if (stopped || running) return;
    running = (async () => {
      try {
        while (
          !stopped &&
          (await runMaskedDatasetJob(host.pool, store, (q, m) => host.transport.publish(q, m), owner))
        );
      } catch (error) {
        host.log.error({ err: String(error) }, "masked-dataset job loop failed; retrying on the next poll");
      }
    })().finally(() => (running = null));
  };
  const onTick = () => {
    compiler.invalidate(); // a missed NOTIFY costs at most one poll interval
    wake();
  };
  return {
    forDeployment: (ctx) => ({ masking: compiler.deps(ctx) }),
    async start() {
      stopped = false;
      host.listener.on(MASKING_CHANNEL, onChange);
      host.listener.on(MASKED_DATASET_CHANNEL, wake);
      host.listener.on("reconnected", onTick);
      await host.listener.listen(MASKING_CHANNEL);
      await host.listener.listen(MASKED_DATASET_CHANNEL);
      wake();
      timer = setInterval(onTick, host.pollMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      host.listener.off(MASKING_CHANNEL, onChange);
      host.listener.off(MASKED_DATASET_CHANNEL, wake);
      host.listener.off("reconnected", onTick);
      await running?.catch(() => undefined);
    },
  };
}
