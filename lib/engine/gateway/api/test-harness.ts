// Shared by the API gateway's integration tests and the bench: API rows written straight into the
// tables (no portal), an echo upstream, and a problem+json reader.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type pg from "pg";
import { apiContentHash, ZApiDocument, type TApiDocument } from "@/lib/apis/document";
import { API_GATEWAY_CHANNEL } from "@/lib/apis/gateway-channel";
import { generateApiKey } from "@/lib/apis/keys";
import type { TPlanLimits } from "@/lib/apis/limits-types";

const id = (prefix: string) => `${prefix}_${randomBytes(6).toString("hex")}`;
const ts = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export const NO_LIMITS: TPlanLimits = {
  ratePerSecond: null,
  burst: null,
  perMinute: null,
  perDay: null,
  perMonth: null,
};

export type TSeedApi = {
  product: string;
  major?: number;
  document: Omit<TApiDocument, "product" | "major" | "auth" | "syncTimeoutMs"> &
    Partial<Pick<TApiDocument, "auth" | "syncTimeoutMs">>;
  /** Environments it is deployed in (default dev); none: a version without deployment. */
  environments?: string[];
  lifecycle?: "draft" | "published" | "deprecated" | "retired";
  deprecatedAt?: Date;
  sunsetAt?: Date;
  successorId?: string;
};

export type TSeededApi = {
  productId: string;
  apiVersionId: string;
  revisionId: string;
  contentHash: string;
  /** Deployment id by environment key. */
  deployments: Record<string, string>;
};

/** A product (created once per key), a major version, one revision and its deployments. */
export async function seedApi(pool: pg.Pool, s: TSeedApi): Promise<TSeededApi> {
  const major = s.major ?? 1;
  const doc = ZApiDocument.parse({ ...s.document, product: s.product, major });
  const contentHash = apiContentHash(doc);
  const product = await pool.query<{ id: string }>(
    `INSERT INTO "ApiProduct" ("id", "key", "name", "createdBy", "updatedAt") VALUES ($1, $2, $2, 'test', now())
     ON CONFLICT ("key") DO UPDATE SET "updatedAt" = now() RETURNING "id"`,
    [id("prod"), s.product],
  );
  const productId = product.rows[0].id;
  const apiVersionId = id("ver");
  await pool.query(
    `INSERT INTO "ApiVersion" ("id", "productId", "major", "lifecycle", "deprecatedAt", "sunsetAt", "successorId", "updatedAt")
     VALUES ($1, $2, $3, $4::"ApiLifecycle", $5::timestamptz AT TIME ZONE 'UTC', $6::timestamptz AT TIME ZONE 'UTC', $7, now())`,
    [
      apiVersionId,
      productId,
      major,
      s.lifecycle ?? "published",
      ts(s.deprecatedAt),
      ts(s.sunsetAt),
      s.successorId ?? null,
    ],
  );
  const revisionId = id("rev");
  await pool.query(
    `INSERT INTO "ApiRevision" ("id", "apiVersionId", "number", "semver", "contentHash", "document", "source", "createdBy")
     VALUES ($1, $2, 1, '1.0.0', $3, $4, $5, 'test')`,
    [revisionId, apiVersionId, contentHash, JSON.stringify(doc), JSON.stringify(doc.openapi)],
  );
  const deployments: Record<string, string> = {};
  for (const env of s.environments ?? ["dev"])
    deployments[env] = await deployRevision(pool, apiVersionId, revisionId, env);
  return { productId, apiVersionId, revisionId, contentHash, deployments };
}

/** Makes a revision the active one of its version in an environment (superseding the previous one). */
export async function deployRevision(
  pool: pg.Pool,
  apiVersionId: string,
  revisionId: string,
  environmentKey: string,
  changeRequestId: string | null = null,
): Promise<string> {
  const deploymentId = id("dep");
  const env = await pool.query<{ id: string }>(`SELECT "id" FROM "Environment" WHERE "key" = $1`, [environmentKey]);
  const slot = `${apiVersionId}:${env.rows[0].id}`;
  await pool.query(`UPDATE "ApiDeployment" SET "activeSlot" = NULL, "supersededAt" = now() WHERE "activeSlot" = $1`, [
    slot,
  ]);
  await pool.query(
    `INSERT INTO "ApiDeployment" ("id", "apiVersionId", "revisionId", "environmentId", "contentHash", "activeSlot", "changeRequestId", "deployedBy")
     SELECT $1, $2, r."id", $3, r."contentHash", $4, $5, 'test' FROM "ApiRevision" r WHERE r."id" = $6`,
    [deploymentId, apiVersionId, env.rows[0].id, slot, changeRequestId, revisionId],
  );
  return deploymentId;
}

/**
 * Stands in for the CAB: an approved change for the deployment's environment whose "api" item binds the
 * revision's hash (or `contentHash`), window open for an hour, bound to the deployment.
 */
export async function approveApiDeployment(
  pool: pg.Pool,
  deploymentId: string,
  opts: { contentHash?: string; status?: string } = {},
): Promise<string> {
  const changeId = id("chg");
  await pool.query(
    `INSERT INTO "ChangeRequest" ("id", "title", "type", "status", "environmentId", "windowStart", "windowEnd", "requestedByEmail", "updatedAt")
     SELECT $1, 'publish API', 'normal', $2::"ChangeStatus", d."environmentId",
            (now() AT TIME ZONE 'UTC') - interval '1 minute', (now() AT TIME ZONE 'UTC') + interval '1 hour', 'test@example.com', now()
     FROM "ApiDeployment" d WHERE d."id" = $3`,
    [changeId, opts.status ?? "approved", deploymentId],
  );
  await pool.query(
    `INSERT INTO "ChangeItem" ("id", "changeRequestId", "kind", "itemKey", "itemId", "versionId", "version", "contentHash")
     SELECT $1, $2, 'api', p."key" || '/v' || v."major", d."apiVersionId", d."revisionId", r."number", COALESCE($4, d."contentHash")
     FROM "ApiDeployment" d JOIN "ApiVersion" v ON v."id" = d."apiVersionId" JOIN "ApiProduct" p ON p."id" = v."productId"
     JOIN "ApiRevision" r ON r."id" = d."revisionId" WHERE d."id" = $3`,
    [id("ci"), changeId, deploymentId, opts.contentHash ?? null],
  );
  await pool.query(`UPDATE "ApiDeployment" SET "changeRequestId" = $2 WHERE "id" = $1`, [deploymentId, changeId]);
  return changeId;
}

/** A consumer on its own plan. */
export async function seedConsumer(
  pool: pg.Pool,
  opts: { plan?: Partial<TPlanLimits>; jwtSubjects?: string[]; key?: string } = {},
): Promise<{ consumerId: string; consumerKey: string; planId: string; callbackSecret: string }> {
  const plan = { ...NO_LIMITS, ...opts.plan };
  const planId = id("plan");
  await pool.query(
    `INSERT INTO "ApiPlan" ("id", "key", "name", "ratePerSecond", "burst", "perMinute", "perDay", "perMonth", "updatedAt")
     VALUES ($1, $1, $1, $2, $3, $4, $5, $6, now())`,
    [planId, plan.ratePerSecond, plan.burst, plan.perMinute, plan.perDay, plan.perMonth],
  );
  const consumerId = id("cons");
  const consumerKey = opts.key ?? consumerId.replace("_", "-");
  const callbackSecret = randomBytes(24).toString("base64");
  await pool.query(
    `INSERT INTO "ApiConsumer" ("id", "key", "name", "planId", "jwtSubjects", "callbackSecret", "createdBy", "updatedAt")
     VALUES ($1, $2, $2, $3, $4, $5, 'test', now())`,
    [consumerId, consumerKey, planId, opts.jwtSubjects ?? [], callbackSecret],
  );
  return { consumerId, consumerKey, planId, callbackSecret };
}

/** A key for the consumer in an environment, scoped to the given API versions. Returns the secret (shown once). */
export async function issueKey(
  pool: pg.Pool,
  consumerId: string,
  environmentKey: string,
  apiVersionIds: string[],
  opts: { expiresAt?: Date } = {},
): Promise<{ keyId: string; secret: string; prefix: string }> {
  const k = generateApiKey(environmentKey);
  const keyId = id("key");
  await pool.query(
    `INSERT INTO "ApiKey" ("id", "consumerId", "environmentId", "prefix", "hash", "createdBy", "expiresAt")
     SELECT $1, $2, e."id", $3, $4, 'test', $6::timestamptz AT TIME ZONE 'UTC' FROM "Environment" e WHERE e."key" = $5`,
    [keyId, consumerId, k.prefix, k.hash, environmentKey, ts(opts.expiresAt)],
  );
  for (const v of apiVersionIds)
    await pool.query(`INSERT INTO "ApiKeyScope" ("keyId", "apiVersionId") VALUES ($1, $2)`, [keyId, v]);
  return { keyId, secret: k.secret, prefix: k.prefix };
}

/** What the services do after a change: wake every API gateway. */
export async function notifyGateways(pool: pg.Pool): Promise<void> {
  await pool.query(`SELECT pg_notify($1, '')`, [API_GATEWAY_CHANNEL]);
}

export type TEchoRequest = {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
};

/**
 * An upstream that answers every request with what it received, as JSON (`{method, url, headers,
 * body}`), after `state.delayMs`; `state.status` sets the status.
 */
export async function startEchoUpstream() {
  const state = { delayMs: 0, status: 200 };
  const received: TEchoRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      received.push(r);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(state.status, {
          "content-type": "application/json",
          "x-upstream": "echo",
        });
        res.end(JSON.stringify(r));
      }, state.delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    state,
    received,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}
