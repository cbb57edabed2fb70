import type pg from "pg";
import { apiContentHash, apiItemKey, ZApiDocument, type TApiDocument } from "@/lib/apis/document";
import type { TDeploymentRow } from "@/lib/engine/runtime/deployments";
import { changeRefusal } from "@/lib/engine/runtime/change-gate";
import { resolvePlaceholders } from "@/lib/engine/runtime/resolve-config";
import {
  routeKey,
  type TApiConsumerEntry,
  type TApiKeyEntry,
  type TApiRoute,
  type TApiVersionEntry,
  type TRouteSnapshot,
} from "./route-types";

// Timestamps are UTC without a zone (Prisma): epoch ms are computed in SQL, as pg would read them as local time.
const ms = (col: string) => `(extract(epoch FROM ${col}) * 1000)::float8`;

type TVersionRow = {
  id: string;
  product: string;
  major: number;
  lifecycle: TApiVersionEntry["lifecycle"];
  deprecatedAt: number | null;
  sunsetAt: number | null;
  retiredAt: number | null;
  successorProduct: string | null;
  successorMajor: number | null;
};

type TDeploymentRaw = {
  id: string;
  apiVersionId: string;
  revisionId: string;
  revisionNumber: number;
  revisionHash: string;
  environmentId: string;
  environmentKey: string;
  isProduction: boolean;
  contentHash: string;
  deployedAt: Date;
  changeId: string | null;
  changeNumber: number | null;
  changeType: "standard" | "normal" | "emergency" | null;
  changeStatus: string | null;
  changeEnvironmentId: string | null;
  windowStart: Date | null;
  windowEnd: Date | null;
  itemHash: string | null;
};

/** A parsed revision document with the hash recomputed from it, kept across reloads (revisions are immutable). */
export type TDocumentCache = Map<string, { document: TApiDocument; actualHash: string } | { error: string }>;

export type TLoadResult = {
  snapshot: TRouteSnapshot;
  /** Deployments not served, with why (e.g. production without an approved change); logged once each by the caller. */
  refused: { deploymentId: string; what: string; reason: string }[];
};

/**
 * A production deployment runs only with the CAB's approval, as flows do (change-gate.ts): bound to an
 * approved change for that environment whose "api" item approved exactly this revision's hash, and the
 * hash recomputed from the stored document. The change's window bounds when the gateway starts serving:
 * a deployment made within the window (or before it) is served from the window's start; one made after
 * the window ended is not.
 */
export function apiChangeRefusal(
  d: TDeploymentRaw,
  what: { product: string; major: number },
  actualHash: string,
  now: Date,
): string | null {
  if (!d.isProduction) return null;
  const started = d.windowStart !== null && now >= d.windowStart && d.windowEnd !== null && d.deployedAt <= d.windowEnd;
  const row: TDeploymentRow = {
    id: d.id,
    flowId: d.apiVersionId,
    flowName: apiItemKey(what.product, what.major),
    flowVersionId: d.revisionId,
    version: d.revisionNumber,
    environmentId: d.environmentId,
    environmentKey: d.environmentKey,
    isProduction: d.isProduction,
    desiredState: "running",
    actualState: "running",
    actualError: null,
    contentHash: d.contentHash,
    versionHash: d.revisionHash,
    spec: null,
    activatedAt: started ? d.windowStart : null,
    change: d.changeId
      ? {
          id: d.changeId,
          number: d.changeNumber!,
          type: d.changeType!,
          status: d.changeStatus!,
          environmentId: d.changeEnvironmentId!,
          windowStart: d.windowStart!,
          windowEnd: d.windowEnd!,
          itemHash: d.itemHash,
        }
      : null,
  };
  return changeRefusal(row, actualHash, now);
}

async function loadVersions(pool: pg.Pool): Promise<Map<string, TApiVersionEntry>> {
  const r = await pool.query<TVersionRow>(
    `SELECT v."id", p."key" AS "product", v."major", v."lifecycle"::text AS "lifecycle",
            ${ms(`v."deprecatedAt"`)} AS "deprecatedAt", ${ms(`v."sunsetAt"`)} AS "sunsetAt", ${ms(`v."retiredAt"`)} AS "retiredAt",
            sp."key" AS "successorProduct", s."major" AS "successorMajor"
     FROM "ApiVersion" v
     JOIN "ApiProduct" p ON p."id" = v."productId"
     LEFT JOIN "ApiVersion" s ON s."id" = v."successorId"
     LEFT JOIN "ApiProduct" sp ON sp."id" = s."productId"
     WHERE p."archivedAt" IS NULL`,
  );
  const out = new Map<string, TApiVersionEntry>();
  for (const v of r.rows) {
    const num = (x: number | null) => (x === null ? null : Number(x));
    out.set(apiItemKey(v.product, v.major), {
      id: v.id,
      product: v.product,
      major: v.major,
      lifecycle: v.lifecycle,
      deprecatedAt: num(v.deprecatedAt),
      sunsetAt: num(v.sunsetAt),
      retiredAt: num(v.retiredAt),
      successor:
        v.successorProduct !== null && v.successorMajor !== null
          ? { product: v.successorProduct, major: v.successorMajor }
          : null,
    });
  }
  return out;
}

async function loadDeployments(pool: pg.Pool): Promise<TDeploymentRaw[]> {
  const r = await pool.query<TDeploymentRaw>(
    `SELECT d."id", d."apiVersionId", d."revisionId", r."number" AS "revisionNumber", r."contentHash" AS "revisionHash",
            d."environmentId", e."key" AS "environmentKey", e."isProduction", d."contentHash",
            d."deployedAt" AT TIME ZONE 'UTC' AS "deployedAt",
            c."id" AS "changeId", c."number" AS "changeNumber", c."type"::text AS "changeType", c."status"::text AS "changeStatus",
            c."environmentId" AS "changeEnvironmentId", c."windowStart" AT TIME ZONE 'UTC' AS "windowStart",
            c."windowEnd" AT TIME ZONE 'UTC' AS "windowEnd", ci."contentHash" AS "itemHash"
     FROM "ApiDeployment" d
     JOIN "ApiRevision" r ON r."id" = d."revisionId"
     JOIN "ApiVersion" v ON v."id" = d."apiVersionId"
     JOIN "ApiProduct" p ON p."id" = v."productId"
     JOIN "Environment" e ON e."id" = d."environmentId"
     LEFT JOIN "ChangeRequest" c ON c."id" = d."changeRequestId"
     LEFT JOIN LATERAL (
       SELECT i."contentHash" FROM "ChangeItem" i
       WHERE i."changeRequestId" = c."id" AND i."kind" = 'api'
         AND (i."itemId" = d."apiVersionId" OR i."itemKey" = p."key" || '/v' || v."major")
       ORDER BY (i."contentHash" = d."contentHash") DESC LIMIT 1
     ) ci ON true
     WHERE d."activeSlot" IS NOT NULL AND p."archivedAt" IS NULL`,
  );
  return r.rows;
}

/** Parses the documents of revisions not seen before; a revision is immutable, so the cache never goes stale. */
async function loadDocuments(pool: pg.Pool, revisionIds: string[], cache: TDocumentCache): Promise<void> {
  const missing = [...new Set(revisionIds)].filter((id) => !cache.has(id));
  if (missing.length) {
    const r = await pool.query<{ id: string; document: unknown }>(
      `SELECT "id", "document" FROM "ApiRevision" WHERE "id" = ANY($1::text[])`,
      [missing],
    );
    for (const row of r.rows) {
      const parsed = ZApiDocument.safeParse(row.document);
      cache.set(
        row.id,
        parsed.success
          ? { document: parsed.data, actualHash: apiContentHash(parsed.data) }
          : {
              error: `its stored document is not a valid API document (${parsed.error.issues[0]?.message ?? "invalid"})`,
            },
      );
    }
  }
  const keep = new Set(revisionIds);
  for (const id of cache.keys()) if (!keep.has(id)) cache.delete(id);
}

async function loadKeys(pool: pg.Pool): Promise<Map<string, TApiKeyEntry>> {
  // Revoked keys are left out: a revoked key is as unknown as one never issued.
  const r = await pool.query<{
    id: string;
    prefix: string;
    hash: string;
    consumerId: string;
    environmentId: string;
    environmentKey: string;
    expiresAt: number | null;
    scopes: string[];
  }>(
    `SELECT k."id", k."prefix", k."hash", k."consumerId", k."environmentId", e."key" AS "environmentKey",
            ${ms(`k."expiresAt"`)} AS "expiresAt",
            COALESCE((SELECT array_agg(s."apiVersionId") FROM "ApiKeyScope" s WHERE s."keyId" = k."id"), '{}') AS "scopes"
     FROM "ApiKey" k JOIN "Environment" e ON e."id" = k."environmentId"
     WHERE k."revokedAt" IS NULL`,
  );
  return new Map(
    r.rows.map((k) => [
      k.hash,
      {
        id: k.id,
        prefix: k.prefix,
        consumerId: k.consumerId,
        environmentId: k.environmentId,
        environmentKey: k.environmentKey,
        scopes: new Set(k.scopes),
        expiresAt: k.expiresAt === null ? null : Number(k.expiresAt),
      },
    ]),
  );
}

async function loadConsumers(pool: pg.Pool): Promise<Map<string, TApiConsumerEntry>> {
  const r = await pool.query<{
    id: string;
    key: string;
    name: string;
    jwtSubjects: string[];
    callbackSecret: string;
    disabled: boolean;
    planKey: string;
    ratePerSecond: number | null;
    burst: number | null;
    perMinute: number | null;
    perDay: number | null;
    perMonth: number | null;
  }>(
    `SELECT c."id", c."key", c."name", c."jwtSubjects", c."callbackSecret", c."disabledAt" IS NOT NULL AS "disabled",
            p."key" AS "planKey", p."ratePerSecond", p."burst", p."perMinute", p."perDay", p."perMonth"
     FROM "ApiConsumer" c JOIN "ApiPlan" p ON p."id" = c."planId"`,
  );
  return new Map(
    r.rows.map((c) => [
      c.id,
      {
        id: c.id,
        key: c.key,
        name: c.name,
        jwtSubjects: c.jwtSubjects,
        callbackSecret: c.callbackSecret,
        disabled: c.disabled,
        planKey: c.planKey,
        plan: {
          ratePerSecond: c.ratePerSecond,
          burst: c.burst,
          perMinute: c.perMinute,
          perDay: c.perDay,
          perMonth: c.perMonth,
        },
      },
    ]),
  );
}

async function loadVariables(pool: pg.Pool): Promise<Map<string, Map<string, string>>> {
  const r = await pool.query<{ environmentId: string; name: string; value: string }>(
    `SELECT "environmentId", "name", "value" FROM "EnvironmentVariable"`,
  );
  const out = new Map<string, Map<string, string>>();
  for (const v of r.rows) {
    let vars = out.get(v.environmentId);
    if (!vars) out.set(v.environmentId, (vars = new Map()));
    vars.set(v.name, v.value);
  }
  return out;
}

/** Everything the API gateway serves from, in one pass over Postgres. */
export async function loadRoutes(pool: pg.Pool, documents: TDocumentCache, now = new Date()): Promise<TLoadResult> {
  const [versions, deployments, keys, consumers, variables, envs] = await Promise.all([
    loadVersions(pool),
    loadDeployments(pool),
    loadKeys(pool),
    loadConsumers(pool),
    loadVariables(pool),
    pool.query<{ id: string; key: string }>(`SELECT "id", "key" FROM "Environment"`),
  ]);
  await loadDocuments(
    pool,
    deployments.map((d) => d.revisionId),
    documents,
  );
  const byId = new Map([...versions.values()].map((v) => [v.id, v]));
  const routes = new Map<string, TApiRoute>();
  const refused: TLoadResult["refused"] = [];
  for (const d of deployments) {
    const version = byId.get(d.apiVersionId);
    const doc = documents.get(d.revisionId);
    if (!version || !doc) continue;
    const what = `${apiItemKey(version.product, version.major)} r${d.revisionNumber} in ${d.environmentKey}`;
    if ("error" in doc) {
      refused.push({ deploymentId: d.id, what, reason: doc.error });
      continue;
    }
    const reason = apiChangeRefusal(d, version, doc.actualHash, now);
    if (reason) {
      refused.push({ deploymentId: d.id, what, reason });
      continue;
    }
    let upstreamUrl: string | null = null;
    if (doc.document.backend.kind === "http") {
      const resolved = resolvePlaceholders(doc.document.backend.url, {
        vars: variables.get(d.environmentId) ?? new Map(),
        secrets: new Map(),
      });
      if (!resolved.ok) {
        const names = [...resolved.missingVars, ...resolved.missingSecrets].join(", ");
        refused.push({
          deploymentId: d.id,
          what,
          reason: `its backend URL uses ${names}, not set in ${d.environmentKey}`,
        });
        continue;
      }
      upstreamUrl = resolved.value;
    }
    routes.set(routeKey(d.apiVersionId, d.environmentKey), {
      deploymentId: d.id,
      apiVersionId: d.apiVersionId,
      environmentId: d.environmentId,
      environmentKey: d.environmentKey,
      revisionId: d.revisionId,
      revisionNumber: d.revisionNumber,
      contentHash: doc.actualHash,
      document: doc.document,
      upstreamUrl,
    });
  }
  const subjects = new Map<string, string>();
  for (const c of consumers.values()) for (const sub of c.jwtSubjects) if (!c.disabled) subjects.set(sub, c.id);
  return {
    snapshot: {
      versions,
      routes,
      keys,
      consumers,
      subjects,
      environments: new Map(envs.rows.map((e) => [e.key, e.id])),
      loadedAt: now.getTime(),
    },
    refused,
  };
}
