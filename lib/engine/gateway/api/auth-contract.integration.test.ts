import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import type { TEngine } from "@/lib/engine/runtime/engine";
import { bootEngine, stopEngineSuite, waitFor } from "@/lib/engine/runtime/test-harness";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import {
  approveApiDeployment,
  deployRevision,
  issueKey,
  notifyGateways,
  seedApi,
  seedConsumer,
  startEchoUpstream,
} from "./test-harness";

const dbUrl = useTestDatabase();
const PORTAL = "https://portal.example.com";
const DAY = 86_400_000;

/** A small orders API: list with a bounded limit, get by integer id, create with a nested body. */
function ordersOpenApi() {
  return {
    openapi: "3.1.0",
    info: { title: "Orders", version: "1.0.0" },
    paths: {
      "/orders": {
        get: {
          parameters: [
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
            { name: "status", in: "query", schema: { type: "array", items: { enum: ["open", "shipped"] } } },
            { name: "x-tenant", in: "header", required: true, schema: { type: "string", minLength: 2 } },
          ],
          responses: { "200": { description: "orders" } },
        },
        post: {
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/Order" } } },
          },
          responses: { "201": { description: "created" } },
        },
      },
      "/orders/{id}": {
        get: {
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
          responses: { "200": { description: "an order" } },
        },
      },
    },
    components: {
      schemas: {
        Order: {
          type: "object",
          required: ["customer", "items"],
          properties: {
            customer: { type: "string", format: "email" },
            items: { type: "array", minItems: 1, items: { $ref: "#/components/schemas/Item" } },
          },
        },
        Item: {
          type: "object",
          required: ["sku", "qty"],
          properties: { sku: { type: "string", pattern: "^[A-Z]{3}-[0-9]+$" }, qty: { type: "integer", minimum: 1 } },
        },
      },
    },
  };
}

type TProblemBody = Record<string, unknown> & { errors?: Record<string, string[]> };

async function problemOf(res: Response): Promise<TProblemBody> {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const body = (await res.json()) as TProblemBody;
  expect(body.status).toBe(res.status);
  expect(body.requestId).toBe(res.headers.get("x-request-id"));
  expect(String(body.type)).toMatch(new RegExp(`^${PORTAL}/errors/[a-z-]+$`));
  return body;
}

describe("API gateway: keys, scopes, contract, deprecation, limits", () => {
  let engine: TEngine;
  let pool: pg.Pool;
  let upstream: Awaited<ReturnType<typeof startEchoUpstream>>;
  let orders: Awaited<ReturnType<typeof seedApi>>;
  let consumer: Awaited<ReturnType<typeof seedConsumer>>;
  let devKey: string;
  const base = () => `http://127.0.0.1:${engine.apiPort}`;
  const call = (path: string, init: RequestInit & { key?: string } = {}) => {
    const { key, ...rest } = init;
    return fetch(`${base()}${path}`, {
      ...rest,
      headers: { ...(key ? { "x-api-key": key } : {}), ...(rest.headers as Record<string, string>) },
    });
  };
  const refresh = () => engine.api!.routes.refresh();

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 3);
    upstream = await startEchoUpstream();
    engine = await bootEngine(dbUrl(), "postgres", {
      publicBaseUrl: PORTAL,
      apiGatewayPort: 0,
      apiRefreshMs: 60_000,
      apiAnalyticsFlushMs: 60_000,
    });
    orders = await seedApi(pool, {
      product: "orders",
      document: { openapi: ordersOpenApi(), backend: { kind: "http", url: `${upstream.url}/svc` } },
    });
    consumer = await seedConsumer(pool);
    devKey = (await issueKey(pool, consumer.consumerId, "dev", [orders.apiVersionId])).secret;
    await refresh();
  });

  afterAll(async () => {
    await stopEngineSuite(engine, pool, []);
    await upstream.close();
    await pool.end();
  });

  it("accepts a scoped key in X-API-Key or Authorization: ApiKey, and refuses a missing or unknown one with 401", async () => {
    const ok = await call("/orders/v1/orders/7", { key: devKey });
    expect(ok.status).toBe(200);
    const viaAuth = await call("/orders/v1/orders/7", { headers: { authorization: `ApiKey ${devKey}` } });
    expect(viaAuth.status).toBe(200);

    const none = await call("/orders/v1/orders/7");
    expect(none.status).toBe(401);
    expect(await problemOf(none)).toMatchObject({ code: "API_KEY_INVALID", type: `${PORTAL}/errors/api-key-invalid` });
    const unknown = await call("/orders/v1/orders/7", { key: `sb_dev_${"x".repeat(40)}` });
    expect(unknown.status).toBe(401);
    expect(await problemOf(unknown)).toMatchObject({ code: "API_KEY_INVALID" });
  });

  it("refuses a key without the version in its scopes, or for another environment, with 403", async () => {
    const other = await seedApi(pool, {
      product: "billing",
      document: { openapi: ordersOpenApi(), backend: { kind: "http", url: upstream.url } },
    });
    await refresh();
    const unscoped = await call("/billing/v1/orders/1", { key: devKey });
    expect(unscoped.status).toBe(403);
    expect(await problemOf(unscoped)).toMatchObject({
      code: "API_SCOPE_DENIED",
      detail: expect.stringContaining("not scoped to billing v1"),
    });
    const wrongEnv = await call("/orders/v1/orders/1", { key: devKey, headers: { "sb-environment": "prod" } });
    expect(wrongEnv.status).toBe(403);
    expect(await problemOf(wrongEnv)).toMatchObject({
      code: "API_SCOPE_DENIED",
      detail: expect.stringContaining("dev"),
    });
    // A test key for a version deployed only in dev: scoped, but nothing to serve in test.
    const testKey = (await issueKey(pool, consumer.consumerId, "test", [orders.apiVersionId, other.apiVersionId]))
      .secret;
    await refresh();
    const notDeployed = await call("/orders/v1/orders/1", { key: testKey });
    expect(notDeployed.status).toBe(404);
    expect(await problemOf(notDeployed)).toMatchObject({ code: "NOT_FOUND", detail: expect.stringContaining("test") });
  });

  it("refuses a revoked key once the gateway hears of it, and an expired one", async () => {
    const k = await issueKey(pool, consumer.consumerId, "dev", [orders.apiVersionId]);
    await notifyGateways(pool);
    await waitFor(
      async () => (await call("/orders/v1/orders/1", { key: k.secret })).status === 200,
      "new key accepted",
    );
    await pool.query(`UPDATE "ApiKey" SET "revokedAt" = now() WHERE "id" = $1`, [k.keyId]);
    await notifyGateways(pool);
    await waitFor(
      async () => (await call("/orders/v1/orders/1", { key: k.secret })).status === 401,
      "revoked key refused",
      5_000,
    );

    const expired = await issueKey(pool, consumer.consumerId, "dev", [orders.apiVersionId], {
      expiresAt: new Date(Date.now() - 1000),
    });
    await refresh();
    const res = await call("/orders/v1/orders/1", { key: expired.secret });
    expect(res.status).toBe(401);
    expect(await problemOf(res)).toMatchObject({ detail: expect.stringContaining("expired") });
  });

  it("lists every contract violation with its location in one 400", async () => {
    const bad = await call("/orders/v1/orders?limit=500&status=open&status=lost", { key: devKey });
    expect(bad.status).toBe(400);
    const p = await problemOf(bad);
    expect(p.code).toBe("REQUEST_INVALID");
    expect(p.type).toBe(`${PORTAL}/errors/request-invalid`);
    expect(Object.keys(p.errors!).sort()).toEqual(["header.x-tenant", "query.limit", "query.status/1"]);
    expect(p.errors!["query.limit"]).toEqual(["must be <= 100"]);
    expect(p.errors!["header.x-tenant"]).toEqual(["is required"]);

    const body = await call("/orders/v1/orders", {
      key: devKey,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ customer: "not-an-email", items: [{ sku: "abc", qty: 0 }, { qty: 2 }] }),
    });
    expect(body.status).toBe(400);
    const errors = (await problemOf(body)).errors!;
    expect(errors).toMatchObject({
      "body/customer": [expect.stringContaining("email")],
      "body/items/0/sku": [expect.stringContaining("pattern")],
      "body/items/0/qty": ["must be >= 1"],
      "body/items/1/sku": ["is required"],
    });

    const missing = await call("/orders/v1/orders", { key: devKey, method: "POST" });
    expect((await problemOf(missing)).errors).toEqual({ body: ["is required"] });
    const notJson = await call("/orders/v1/orders", {
      key: devKey,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{oops",
    });
    expect((await problemOf(notJson)).errors!.body[0]).toMatch(/not valid JSON/);
    const xml = await call("/orders/v1/orders", {
      key: devKey,
      method: "POST",
      headers: { "content-type": "application/xml" },
      body: "<order/>",
    });
    expect(xml.status).toBe(415);
    expect(await problemOf(xml)).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });

    const pathType = await call("/orders/v1/orders/seven", { key: devKey });
    expect((await problemOf(pathType)).errors).toEqual({ "path.id": ["must be integer"] });

    const good = await call("/orders/v1/orders?limit=5&status=open&status=shipped", {
      key: devKey,
      headers: { "x-tenant": "acme" },
    });
    expect(good.status).toBe(200);
  });

  it("answers unknown routes, operations and methods as problem+json (404, 404, 405 with Allow)", async () => {
    const route = await call("/nowhere", { key: devKey });
    expect(route.status).toBe(404);
    expect(await problemOf(route)).toMatchObject({ code: "NOT_FOUND", instance: "/nowhere" });
    const version = await call("/orders/v9/orders", { key: devKey });
    expect(version.status).toBe(404);
    const op = await call("/orders/v1/invoices", { key: devKey });
    expect(op.status).toBe(404);
    expect(await problemOf(op)).toMatchObject({ code: "NOT_FOUND", detail: expect.stringContaining("GET /invoices") });
    const method = await call("/orders/v1/orders/3", { key: devKey, method: "DELETE" });
    expect(method.status).toBe(405);
    expect(method.headers.get("allow")).toBe("GET");
    expect(await problemOf(method)).toMatchObject({ code: "METHOD_NOT_ALLOWED" });
    const big = await call("/orders/v1/orders", {
      key: devKey,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ pad: "x".repeat(70 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect(await problemOf(big)).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  it("marks every answer of a deprecated version, errors included, and answers 410 past the sunset", async () => {
    const v2 = await seedApi(pool, {
      product: "orders",
      major: 2,
      document: { openapi: ordersOpenApi(), backend: { kind: "http", url: upstream.url } },
    });
    const deprecatedAt = new Date(Date.now() - DAY);
    const sunsetAt = new Date(Date.now() + 30 * DAY);
    const old = await seedApi(pool, {
      product: "legacy",
      lifecycle: "deprecated",
      deprecatedAt,
      sunsetAt,
      successorId: v2.apiVersionId,
      document: { openapi: ordersOpenApi(), backend: { kind: "http", url: upstream.url } },
    });
    const key = (await issueKey(pool, consumer.consumerId, "dev", [old.apiVersionId])).secret;
    await refresh();
    const host = `127.0.0.1:${engine.apiPort}`;
    const expectMarked = (res: Response) => {
      expect(res.headers.get("deprecation")).toBe(`@${Math.floor(deprecatedAt.getTime() / 1000)}`);
      expect(res.headers.get("sunset")).toBe(new Date(Math.floor(sunsetAt.getTime() / 1000) * 1000).toUTCString());
      expect(res.headers.get("link")).toBe(
        `<${PORTAL}/apis/legacy/v1>; rel="deprecation", <http://${host}/orders/v2>; rel="successor-version"`,
      );
    };
    const answers = [
      await call("/legacy/v1/orders/1", { key }),
      await call("/legacy/v1/orders/1"),
      await call("/legacy/v1/orders/x", { key }),
      await call("/legacy/v1/orders/1", { key, method: "PUT" }),
      await call("/legacy/v1/nothing", { key }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 401, 400, 405, 404]);
    answers.forEach(expectMarked);
    // The current version carries none of it.
    const current = await call("/orders/v1/orders/1", { key: devKey });
    expect(current.headers.get("deprecation")).toBeNull();

    await pool.query(
      `UPDATE "ApiVersion" SET "sunsetAt" = (now() AT TIME ZONE 'UTC') - interval '1 second' WHERE "id" = $1`,
      [old.apiVersionId],
    );
    await refresh();
    const gone = await call("/legacy/v1/orders/1", { key });
    expect(gone.status).toBe(410);
    expect(gone.headers.get("deprecation")).not.toBeNull();
    expect(gone.headers.get("link")).toContain('rel="successor-version"');
    expect(await problemOf(gone)).toMatchObject({
      code: "GONE",
      type: `${PORTAL}/errors/gone`,
      successor: `http://${host}/orders/v2`,
    });
    await pool.query(`UPDATE "ApiVersion" SET "lifecycle" = 'retired', "sunsetAt" = NULL WHERE "id" = $1`, [
      old.apiVersionId,
    ]);
    await refresh();
    expect((await call("/legacy/v1/orders/1", { key })).status).toBe(410);
  });

  it("carries RateLimit headers, and refuses over the plan with 429 (rate) or 429 QUOTA_EXCEEDED (day)", async () => {
    const limited = await seedConsumer(pool, { plan: { perMinute: 2 } });
    const key = (await issueKey(pool, limited.consumerId, "dev", [orders.apiVersionId])).secret;
    const quota = await seedConsumer(pool, { plan: { perDay: 1 } });
    const quotaKey = (await issueKey(pool, quota.consumerId, "dev", [orders.apiVersionId])).secret;
    await refresh();
    const first = await call("/orders/v1/orders/1", { key });
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-policy")).toBe('"minute";q=2;w=60');
    expect(first.headers.get("ratelimit")).toMatch(/^"minute";r=1;t=\d+$/);
    expect((await call("/orders/v1/orders/1", { key })).status).toBe(200);
    const refused = await call("/orders/v1/orders/1", { key });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get("ratelimit")).toMatch(/^"minute";r=0;t=\d+$/);
    const p = await problemOf(refused);
    expect(p).toMatchObject({ code: "RATE_LIMITED", retryAfter: Number(refused.headers.get("retry-after")) });

    expect((await call("/orders/v1/orders/1", { key: quotaKey })).status).toBe(200);
    const out = await call("/orders/v1/orders/1", { key: quotaKey });
    expect(out.status).toBe(429);
    expect(out.headers.get("retry-after")).not.toBeNull();
    expect(await problemOf(out)).toMatchObject({ code: "QUOTA_EXCEEDED", type: `${PORTAL}/errors/quota-exceeded` });
  });

  it("serves a production deployment only with an approved change binding the revision's hash", async () => {
    const prodKey = (await issueKey(pool, consumer.consumerId, "prod", [orders.apiVersionId])).secret;
    const deploymentId = await deployRevision(pool, orders.apiVersionId, orders.revisionId, "prod");
    await refresh();
    const unapproved = await call("/orders/v1/orders/1", { key: prodKey });
    expect(unapproved.status).toBe(404);
    expect(await problemOf(unapproved)).toMatchObject({ detail: expect.stringContaining("not deployed in prod") });

    await approveApiDeployment(pool, deploymentId, { contentHash: "0".repeat(64) });
    await refresh();
    expect((await call("/orders/v1/orders/1", { key: prodKey })).status).toBe(404);

    const good = await deployRevision(pool, orders.apiVersionId, orders.revisionId, "prod");
    await approveApiDeployment(pool, good);
    await refresh();
    expect((await call("/orders/v1/orders/1", { key: prodKey })).status).toBe(200);
  });

  it("accepts a bearer token signed by the API's JWKS for a registered subject", async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    const jwks = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => jwks.listen(0, "127.0.0.1", r));
    try {
      const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
      await seedApi(pool, {
        product: "partners",
        document: {
          openapi: ordersOpenApi(),
          backend: { kind: "http", url: upstream.url },
          auth: { jwt: { jwksUrl, issuer: "https://idp.example.com", audience: "switchboard" } },
        },
      });
      const partner = await seedConsumer(pool, { jwtSubjects: ["partner-app-1"] });
      await refresh();
      const sign = (claims: { sub: string; aud?: string }) =>
        new SignJWT({})
          .setProtectedHeader({ alg: "RS256", kid: "k1" })
          .setSubject(claims.sub)
          .setIssuer("https://idp.example.com")
          .setAudience(claims.aud ?? "switchboard")
          .setIssuedAt()
          .setExpirationTime("5m")
          .sign(privateKey);
      const bearer = async (claims: { sub: string; aud?: string }) =>
        call("/partners/v1/orders/1", {
          headers: { authorization: `Bearer ${await sign(claims)}`, "sb-environment": "dev" },
        });
      const ok = await bearer({ sub: "partner-app-1" });
      expect(ok.status).toBe(200);
      const seen = (await ok.json()) as { headers: Record<string, string> };
      expect(seen.headers["x-sb-consumer"]).toBe(partner.consumerKey);

      const wrongAud = await bearer({ sub: "partner-app-1", aud: "someone-else" });
      expect(wrongAud.status).toBe(401);
      expect(await problemOf(wrongAud)).toMatchObject({
        code: "API_KEY_INVALID",
        detail: expect.stringContaining("aud"),
      });
      const stranger = await bearer({ sub: "nobody" });
      expect(stranger.status).toBe(401);
      expect(await problemOf(stranger)).toMatchObject({ detail: expect.stringContaining("subject") });
      // orders has no JWT settings: bearer tokens are not accepted there.
      const noJwt = await call("/orders/v1/orders/1", {
        headers: { authorization: `Bearer ${await sign({ sub: "partner-app-1" })}`, "sb-environment": "dev" },
      });
      expect(noJwt.status).toBe(401);
    } finally {
      await new Promise<void>((r) => jwks.close(() => r()));
    }
  });

  it("records a key's last use, off the request path", async () => {
    const k = await issueKey(pool, consumer.consumerId, "dev", [orders.apiVersionId]);
    await refresh();
    expect((await call("/orders/v1/orders/1", { key: k.secret })).status).toBe(200);
    await engine.api!.stop().catch(() => undefined);
    const r = await pool.query<{ lastUsedAt: Date | null }>(`SELECT "lastUsedAt" FROM "ApiKey" WHERE "id" = $1`, [
      k.keyId,
    ]);
    expect(r.rows[0].lastUsedAt).not.toBeNull();
  });
});
