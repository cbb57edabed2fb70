import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { verifyWebhook } from "@/lib/apis/webhook-signature";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { AppError } from "@/lib/errors";
import type { TBackendReply, TBeginOperation } from "./contracts";
import { ApiOperations } from "./operations";

const dbUrl = useTestDatabase();
const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
const SECRET = "whsec_" + Buffer.from("callback-secret-for-tests").toString("base64");

type TReceived = { headers: IncomingHttpHeaders; body: string };

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 25));
  }
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("ApiOperations against Postgres and a callback receiver", () => {
  let pool: pg.Pool;
  let ops: ApiOperations;
  let server: Server;
  let base: string;
  const received: TReceived[] = [];
  /** Statuses the receiver answers with, one per request; 204 once used up. */
  const answers: number[] = [];

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 4);
    await pool.query(
      `INSERT INTO "ApiProduct" ("id", "key", "name", "createdBy", "updatedAt") VALUES ('apip_ops', 'ops-it', 'Ops', 'test', now())`,
    );
    await pool.query(
      `INSERT INTO "ApiVersion" ("id", "productId", "major", "lifecycle", "updatedAt") VALUES ('apiv_ops', 'apip_ops', 1, 'published', now())`,
    );
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        res.statusCode = answers.shift() ?? 204;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ops = new ApiOperations(pool, { log, callbackBackoffMs: 20, callbackTimeoutMs: 2_000 });
  });

  afterAll(async () => {
    await ops.stop();
    await new Promise((r) => server.close(r));
    await pool.end();
  });

  const begin = (over: Partial<TBeginOperation>) =>
    ops.begin({
      apiVersionId: "apiv_ops",
      environmentId: "env_prod",
      consumerId: "cons_1",
      operation: "POST /reports",
      callbackUrl: null,
      callbackSecret: SECRET,
      work: Promise.resolve({ status: 200, headers: {}, body: null }),
      ...over,
    });

  it("is running until the work settles, then succeeded with the result, and calls back signed", async () => {
    const work = deferred<TBackendReply>();
    const { id, location } = await begin({ work: work.promise, callbackUrl: `${base}/hooks/reports` });
    expect(location).toBe(`/_operations/${id}`);

    const running = await ops.get(id, "cons_1");
    expect(running).toMatchObject({ id, status: "running", operation: "POST /reports" });
    expect(running?.completedAt).toBeUndefined();
    expect(running?.result).toBeUndefined();
    expect(Date.parse(running?.createdAt ?? "")).toBeGreaterThan(Date.now() - 60_000);

    work.resolve({
      status: 201,
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: Buffer.from(JSON.stringify({ reportId: "r-42", rows: 3 })),
    });
    const done = await waitFor(async () => {
      const s = await ops.get(id, "cons_1");
      return s?.status === "running" ? null : s;
    });
    expect(done).toMatchObject({ status: "succeeded", httpStatus: 201, result: { reportId: "r-42", rows: 3 } });
    expect(done.completedAt).toBeDefined();

    const hook = await waitFor(async () => received.find((r) => r.headers["webhook-id"] === id));
    expect(hook.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(hook.body)).toEqual(done);
    expect(verifyWebhook({ headers: hook.headers, body: hook.body, secret: SECRET })).toEqual({ ok: true });
    const tampered = hook.body.replace("r-42", "r-43");
    expect(verifyWebhook({ headers: hook.headers, body: tampered, secret: SECRET }).ok).toBe(false);
    expect(verifyWebhook({ headers: hook.headers, body: hook.body, secret: "whsec_b3RoZXI=" }).ok).toBe(false);

    const row = await waitFor(async () => {
      const r = await pool.query<{ callbackStatus: number | null; callbackAttempts: number }>(
        `SELECT "callbackStatus", "callbackAttempts" FROM "ApiOperation" WHERE "id" = $1`,
        [id],
      );
      return r.rows[0]?.callbackStatus ? r.rows[0] : null;
    });
    expect(row).toEqual({ callbackStatus: 204, callbackAttempts: 1 });
  });

  it("shows the status resource to the owning consumer only", async () => {
    const { id } = await begin({});
    expect(await ops.get(id, "cons_1")).not.toBeNull();
    expect(await ops.get(id, "cons_2")).toBeNull();
    expect(await ops.get(id, null)).toBeNull();
    expect(await ops.get("op_unknown", "cons_1")).toBeNull();
    const anonymous = await begin({ consumerId: null, callbackSecret: null });
    expect(await ops.get(anonymous.id, null)).not.toBeNull();
    expect(await ops.get(anonymous.id, "cons_1")).toBeNull();
  });

  it("retries a callback the receiver failed, and records the attempts", async () => {
    answers.push(503, 500);
    const { id } = await begin({ callbackUrl: `${base}/hooks/retry` });
    const row = await waitFor(async () => {
      const r = await pool.query<{ callbackStatus: number | null; callbackAttempts: number }>(
        `SELECT "callbackStatus", "callbackAttempts" FROM "ApiOperation" WHERE "id" = $1`,
        [id],
      );
      return r.rows[0]?.callbackStatus === 204 ? r.rows[0] : null;
    });
    expect(row.callbackAttempts).toBe(3);
    expect(received.filter((r) => r.headers["webhook-id"] === id)).toHaveLength(3);
  });

  it("gives up at once when the receiver refuses with a 4xx", async () => {
    answers.push(410);
    const { id } = await begin({ callbackUrl: `${base}/hooks/gone` });
    await waitFor(async () => received.some((r) => r.headers["webhook-id"] === id));
    await new Promise((r) => setTimeout(r, 200));
    const r = await pool.query(`SELECT "callbackStatus", "callbackAttempts" FROM "ApiOperation" WHERE "id" = $1`, [id]);
    expect(r.rows[0]).toEqual({ callbackStatus: 410, callbackAttempts: 1 });
  });

  it("marks the operation failed with a problem when the work rejects, and keeps non-JSON bodies as base64", async () => {
    const failed = await begin({ work: Promise.reject(new AppError("GATEWAY_TIMEOUT", "The backend took too long.")) });
    const f = await waitFor(async () => {
      const s = await ops.get(failed.id, "cons_1");
      return s?.status === "running" ? null : s;
    });
    expect(f).toMatchObject({
      status: "failed",
      httpStatus: 504,
      result: { code: "GATEWAY_TIMEOUT", status: 504, detail: "The backend took too long." },
    });

    const csv = await begin({
      work: Promise.resolve({ status: 200, headers: { "content-type": "text/csv" }, body: Buffer.from("a,b\n1,2\n") }),
    });
    const c = await waitFor(async () => {
      const s = await ops.get(csv.id, "cons_1");
      return s?.status === "running" ? null : s;
    });
    expect(c.result).toEqual({ contentType: "text/csv", bodyBase64: Buffer.from("a,b\n1,2\n").toString("base64") });

    const upstream500 = await begin({ work: Promise.resolve({ status: 500, headers: {}, body: { error: "boom" } }) });
    const u = await waitFor(async () => {
      const s = await ops.get(upstream500.id, "cons_1");
      return s?.status === "running" ? null : s;
    });
    expect(u).toMatchObject({ status: "failed", httpStatus: 500, result: { error: "boom" } });
  });

  it.each([
    ["ftp://example.com/hook", "must be an https URL"],
    ["http://example.com/hook", "plain http is only accepted for localhost"],
    ["https://user:pw@example.com/hook", "user name or password"],
    ["not a url", "not an absolute URL"],
  ])("refuses the Callback-Url %s before the work starts", async (url, message) => {
    const before = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "ApiOperation"`);
    const err = await begin({ callbackUrl: url }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("BAD_REQUEST");
    expect((err as AppError).message).toContain(message);
    const after = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "ApiOperation"`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it("accepts plain http anywhere when allowed, and refuses a callback without a consumer secret", async () => {
    const lax = new ApiOperations(pool, { log, allowHttpCallbacks: true });
    await expect(
      lax.begin({
        apiVersionId: "apiv_ops",
        environmentId: "env_prod",
        consumerId: "cons_1",
        operation: "POST /reports",
        callbackUrl: "http://receiver.internal/hook",
        callbackSecret: SECRET,
        // Never settles during the test, so nothing is sent to the made-up host.
        work: new Promise<TBackendReply>(() => undefined),
      }),
    ).resolves.toMatchObject({ location: expect.stringMatching(/^\/_operations\/op_/) });
    await lax.stop(0);
    await expect(begin({ callbackUrl: `${base}/x`, callbackSecret: null })).rejects.toThrow("identified consumer");
  });

  it("deletes expired operations", async () => {
    const short = new ApiOperations(pool, { log, ttlMs: 1 });
    const { id } = await short.begin({
      apiVersionId: "apiv_ops",
      environmentId: "env_prod",
      consumerId: "cons_1",
      operation: "POST /reports",
      callbackUrl: null,
      callbackSecret: null,
      work: Promise.resolve({ status: 200, headers: {}, body: null }),
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(await short.get(id, "cons_1")).toBeNull();
    expect(await short.purgeExpired()).toBeGreaterThanOrEqual(1);
    const r = await pool.query(`SELECT 1 FROM "ApiOperation" WHERE "id" = $1`, [id]);
    expect(r.rowCount).toBe(0);
    await short.stop();
  });
});
